package io.crmbridge.token.refresh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.crmbridge.token.connection.AuthKind;
import io.crmbridge.token.connection.Connection;
import io.crmbridge.token.connection.ConnectionState;
import io.crmbridge.token.vault.TokenCacheSlot;
import io.crmbridge.token.vault.VaultKey;
import io.crmbridge.token.vault.VaultState;

/**
 * A connection this instance owns: its definition, its last published state, its MSAL cache and what is waiting to
 * be done. At most one step runs at a time ({@link #claim} / {@link #finished}); signals from other threads only set
 * fields, so no thread waits for the identity provider while holding the lock.
 */
final class TrackedConnection {

    private final int shard;
    private final TokenCacheSlot cache;
    private Connection connection;
    private VaultState state;
    private Optional<Instant> dueAt = Optional.empty();
    private int failures;
    private long forcedGeneration = -1;
    private long requestedFor = -1;
    private boolean retry;
    private boolean removed;
    private boolean released;
    private boolean inFlight;
    private final List<HandedOver> handovers = new ArrayList<>();

    TrackedConnection(int shard, Connection connection, VaultState state, Optional<Instant> dueAt) {
        this.shard = shard;
        this.connection = connection;
        this.state = state;
        this.cache = new TokenCacheSlot(state.msalCache());
        this.dueAt = dueAt;
    }

    int shard() {
        return shard;
    }

    TokenCacheSlot cache() {
        return cache;
    }

    synchronized Connection connection() {
        return connection;
    }

    synchronized VaultState state() {
        return state;
    }

    synchronized int failures() {
        return failures;
    }

    synchronized Optional<Instant> dueAt() {
        return dueAt;
    }

    /** Whether a token can be requested without a person: a credential or a signed-in cache is at hand. */
    synchronized boolean attemptable() {
        return connection.enabled() && connection.complete()
                && (connection.authKind() == AuthKind.CLIENT_CREDENTIALS || cache.serialized().isPresent());
    }

    synchronized void redefine(Connection definition) {
        boolean changed = !definition.sameAs(connection);
        connection = definition;
        if (definition.enabled() && state.state() == ConnectionState.DISABLED) {
            state = state.withState(ConnectionState.PENDING_CONSENT).recovered();
            retry = true;
        } else if (changed) {
            // A fixed secret, another scope or authority: worth one more try, even after a configuration error.
            retry = true;
        }
    }

    synchronized void remove() {
        removed = true;
    }

    synchronized void release() {
        released = true;
    }

    synchronized boolean released() {
        return released;
    }

    synchronized void handedOver(HandedOver handover) {
        handovers.add(handover);
    }

    /**
     * A 401 was reported against {@code generation}: one forced refresh per generation, however many reports. A
     * report may overtake the commit of the grant it names (a consumer reading uncommitted records sees the grant
     * first); while a step runs, one generation ahead is therefore remembered for after the commit.
     */
    synchronized boolean requested(long generation) {
        boolean current = generation == state.generation() || inFlight && generation == state.generation() + 1;
        if (!state.state().issuing() && !inFlight || !current || forcedGeneration >= generation) {
            return false;
        }
        forcedGeneration = generation;
        requestedFor = generation;
        return true;
    }

    /** The step to run now, marking the connection busy; empty when there is nothing to do or a step runs. */
    synchronized Optional<Step> claim(Instant now) {
        if (inFlight || released) {
            return Optional.empty();
        }
        Optional<Step> step = next(now);
        inFlight = step.isPresent();
        return step;
    }

    synchronized void finished() {
        inFlight = false;
    }

    /** Keeps what a step decided, once it is published. */
    synchronized void commit(Decision decision) {
        decision.next().ifPresent(next -> state = next);
        dueAt = decision.dueAt();
        failures = decision.failures();
    }

    /** When to attempt next (a restore, or a step that failed to publish). */
    synchronized void schedule(Optional<Instant> at) {
        dueAt = at;
    }

    private Optional<Step> next(Instant now) {
        if (removed) {
            return Optional.of(new Step.Remove());
        }
        if (!connection.enabled()) {
            return state.state() == ConnectionState.DISABLED ? Optional.empty() : Optional.of(new Step.Disable());
        }
        if (!handovers.isEmpty()) {
            return Optional.of(takeHandovers());
        }
        if (state.state() == ConnectionState.DEGRADED
                && state.accessTokenExpiresAt().map(at -> !now.isBefore(at)).orElse(true)) {
            return Optional.of(new Step.Outlive());
        }
        if (requestedFor == state.generation() || retry || dueAt.map(at -> !now.isBefore(at)).orElse(false)) {
            requestedFor = -1;
            retry = false;
            return attemptable() ? Optional.of(new Step.Attempt(true, false, List.of())) : Optional.empty();
        }
        return Optional.empty();
    }

    private Step takeHandovers() {
        List<VaultKey> keys = handovers.stream().map(HandedOver::key).toList();
        Optional<String> signedIn = handovers.stream().map(h -> h.handover().msalCache())
                .flatMap(Optional::stream).reduce((first, second) -> second);
        handovers.clear();
        signedIn.ifPresent(cache::replace);
        return new Step.Attempt(signedIn.isEmpty(), signedIn.isPresent(), keys);
    }

    synchronized ConnectionStatus status() {
        return new ConnectionStatus(connection, state.state(), state.generation(), state.accessTokenExpiresAt(),
                state.lastError(), dueAt);
    }
}
