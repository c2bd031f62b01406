package io.crmbridge.token.refresh;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

import io.crmbridge.token.connection.AuthKind;
import io.crmbridge.token.connection.Connection;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.token.connection.ConnectionState;
import io.crmbridge.token.connection.Connections;
import io.crmbridge.token.vault.Shards;
import io.crmbridge.token.vault.VaultKey;
import io.crmbridge.token.vault.VaultState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the tokens of the connections this instance owns fresh (use case): refreshes ahead of expiry, keeps
 * refresh tokens alive, refreshes once per generation when others report a 401, takes over sign-ins made
 * elsewhere, retries transient failures with backoff while the access token lasts, and publishes every transition.
 * Ownership comes and goes by shard (a partition of the vault): {@link #adopt} with the shard's restored vault,
 * {@link #release} when it is gone.
 */
public final class RefreshingTokens implements Connections.Listener {

    private static final Logger log = LoggerFactory.getLogger(RefreshingTokens.class);

    private final Connections connections;
    private final TokenIssuer issuer;
    private final TokenUpdates updates;
    private final RefreshSettings settings;
    private final Clock clock;
    private final Executor executor;
    private final Shards shardOf;
    private final RefreshOutcomes outcomes;
    private final Transitions transitions;
    // Locking, in three rules:
    // - Which connections are tracked is decided under this object's lock (adopt, release, changed, handedOver,
    //   track): the owned shards, additions to tracked and the two HashMaps below, which nothing else touches.
    //   A definition, a restored state and a handover that arrive in any order then meet exactly once.
    // - tracked and shards are concurrent so that the frequent paths (tick, tokenRequested, removed, statuses)
    //   read them without that lock; a finished step drops its own connection with tracked.remove(id, t), which
    //   cannot drop a newer entry. Each TrackedConnection guards its own state with its own lock.
    // - Steps are dispatched outside this object's lock: they call the identity provider and publish, and the
    //   connections' listeners call back into this object.
    private final Map<ConnectionId, TrackedConnection> tracked = new ConcurrentHashMap<>();
    private final Set<Integer> shards = ConcurrentHashMap.newKeySet();
    private final Map<ConnectionId, VaultState> withoutDefinition = new HashMap<>();
    private final Map<ConnectionId, List<HandedOver>> waitingHandovers = new HashMap<>();

    private RefreshingTokens(Builder b) {
        this.connections = Objects.requireNonNull(b.connections, "connections");
        this.issuer = Objects.requireNonNull(b.issuer, "issuer");
        this.updates = Objects.requireNonNull(b.updates, "updates");
        this.settings = Objects.requireNonNull(b.settings, "settings");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.executor = Objects.requireNonNull(b.executor, "executor");
        this.shardOf = Objects.requireNonNull(b.shardOf, "shards");
        this.outcomes = Objects.requireNonNull(b.outcomes, "outcomes");
        this.transitions = new Transitions(settings, Objects.requireNonNull(b.random, "random"),
                Objects.requireNonNull(b.reconnectUrls, "reconnectUrls"));
    }

    /** Keeps the tokens of {@code connections} fresh with {@code issuer}, publishing through {@code updates}. */
    public static Builder over(Connections connections, TokenIssuer issuer, TokenUpdates updates) {
        return new Builder(connections, issuer, updates);
    }

    /** The rest of a {@link RefreshingTokens}, by name; every part is required. */
    public static final class Builder {
        private final Connections connections;
        private final TokenIssuer issuer;
        private final TokenUpdates updates;
        private RefreshSettings settings;
        private Clock clock;
        private Executor executor;
        private Shards shardOf;
        private Function<ConnectionId, String> reconnectUrls;
        private RefreshOutcomes outcomes;
        private Random random;

        private Builder(Connections connections, TokenIssuer issuer, TokenUpdates updates) {
            this.connections = connections;
            this.issuer = issuer;
            this.updates = updates;
        }

        public Builder settings(RefreshSettings value) {
            this.settings = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Runs the steps (identity-provider calls block); one step per connection at a time. */
        public Builder executor(Executor value) {
            this.executor = value;
            return this;
        }

        /** The shard (vault partition) a connection belongs to. */
        public Builder shards(Shards value) {
            this.shardOf = value;
            return this;
        }

        /** The page where a person reconnects a connection. */
        public Builder reconnectUrls(Function<ConnectionId, String> value) {
            this.reconnectUrls = value;
            return this;
        }

        public Builder outcomes(RefreshOutcomes value) {
            this.outcomes = value;
            return this;
        }

        /** Draws the jitter of refresh times. */
        public Builder random(Random value) {
            this.random = value;
            return this;
        }

        public RefreshingTokens build() {
            return new RefreshingTokens(this);
        }
    }

    /** This instance now owns {@code shard}: track its connections from their restored vault states. */
    public void adopt(int shard, Collection<VaultState> restored, List<HandedOver> handovers) {
        synchronized (this) {
            shards.add(shard);
            restored.forEach(s -> withoutDefinition.put(s.connectionId(), s));
            handovers.forEach(h -> waitingHandovers.computeIfAbsent(h.key().connection(), k -> new ArrayList<>()).add(h));
            connections.all().stream().filter(c -> shardOf.of(c.id()) == shard).forEach(this::track);
        }
        log.info("owning shard {}: {} connections restored from the vault", shard, restored.size());
        tick();
    }

    /** {@code shard} went to another instance: stop working on its connections. */
    public synchronized void release(int shard) {
        shards.remove(shard);
        tracked.values().removeIf(t -> {
            if (t.shard() != shard) {
                return false;
            }
            t.release();
            return true;
        });
        withoutDefinition.keySet().removeIf(id -> shardOf.of(id) == shard);
        waitingHandovers.keySet().removeIf(id -> shardOf.of(id) == shard);
        log.info("released shard {}", shard);
    }

    public Set<Integer> shards() {
        return Set.copyOf(shards);
    }

    @Override
    public void changed(Connection connection) {
        TrackedConnection t;
        synchronized (this) {
            if (!shards.contains(shardOf.of(connection.id()))) {
                return;
            }
            t = tracked.get(connection.id());
            if (t == null) {
                track(connection);
                t = tracked.get(connection.id());
            } else {
                t.redefine(connection);
            }
        }
        dispatch(t);
    }

    @Override
    public void removed(ConnectionId id) {
        TrackedConnection t = tracked.get(id);
        if (t != null) {
            t.remove();
            dispatch(t);
        }
    }

    /** Another service saw a 401 with the grant of {@code generationSeen}: refresh, once for that generation. */
    public void tokenRequested(ConnectionId id, OptionalLong generationSeen) {
        TrackedConnection t = tracked.get(id);
        if (t == null || generationSeen.isEmpty()) {
            return;
        }
        if (t.requested(generationSeen.getAsLong())) {
            log.info("refreshing {} now: generation {} was reported as rejected", id, generationSeen.getAsLong());
            dispatch(t);
        }
    }

    /** A sign-in or retry made on another instance (or this one) for a connection of an owned shard. */
    public void handedOver(HandedOver handover) {
        TrackedConnection t;
        synchronized (this) {
            ConnectionId id = handover.key().connection();
            if (!shards.contains(shardOf.of(id))) {
                return;
            }
            t = tracked.get(id);
            if (t == null) {
                waitingHandovers.computeIfAbsent(id, k -> new ArrayList<>()).add(handover);
                return;
            }
            t.handedOver(handover);
        }
        dispatch(t);
    }

    /** Starts whatever is due: called every second or so, and after every signal. */
    public void tick() {
        tracked.values().forEach(this::dispatch);
    }

    public List<ConnectionStatus> statuses() {
        return tracked.values().stream().map(TrackedConnection::status)
                .sorted(Comparator.comparing(s -> s.connection().id().value())).toList();
    }

    public Optional<ConnectionStatus> status(ConnectionId id) {
        return Optional.ofNullable(tracked.get(id)).map(TrackedConnection::status);
    }

    private void track(Connection connection) {
        Instant now = clock.instant();
        VaultState state = Optional.ofNullable(withoutDefinition.remove(connection.id()))
                .orElseGet(() -> VaultState.initial(connection.id(), now));
        TrackedConnection t = new TrackedConnection(shardOf.of(connection.id()), connection, state,
                Optional.empty());
        t.schedule(firstDue(connection, state, t, now));
        waitingHandovers.getOrDefault(connection.id(), List.of()).forEach(t::handedOver);
        waitingHandovers.remove(connection.id());
        tracked.put(connection.id(), t);
    }

    // After a restart or a takeover: carry on where the previous owner stopped, without a reconnect.
    private Optional<Instant> firstDue(Connection connection, VaultState state, TrackedConnection t, Instant now) {
        return switch (state.state()) {
            case ACTIVE -> Optional.of(transitions.nextRefresh(connection, state, now.minus(settings.minInterval())));
            case EXPIRED -> state.lastError().map(VaultState.LastError::needsPerson).orElse(false) ? Optional.empty()
                    : Optional.of(now);
            case DISABLED -> Optional.empty();
            case DEGRADED, PENDING_CONSENT -> t.attemptable() ? Optional.of(now) : Optional.empty();
        };
    }

    private void dispatch(TrackedConnection t) {
        Optional<Step> step = t.claim(clock.instant());
        if (step.isPresent()) {
            try {
                executor.execute(() -> run(t, step.get()));
            } catch (RejectedExecutionException e) {
                t.finished(); // the service is stopping: the step is left to the next owner or start
                log.debug("not running {} of connection {}: stopping", step.get().getClass().getSimpleName(),
                        t.connection().id());
            }
        }
    }

    private void run(TrackedConnection t, Step step) {
        try {
            publish(t, decide(t, step), step);
        } catch (RuntimeException e) {
            log.error("step {} of connection {} failed: {}", step.getClass().getSimpleName(), t.connection().id(),
                    e.toString());
            t.schedule(Optional.of(clock.instant().plus(settings.backoffInitial())));
        } finally {
            t.finished();
        }
        if (!t.released()) {
            dispatch(t);
        }
    }

    private Decision decide(TrackedConnection t, Step step) {
        Connection c = t.connection();
        VaultState s = t.state();
        Instant now = clock.instant();
        if (step instanceof Step.Remove) {
            return transitions.removed(c, s, now);
        }
        if (step instanceof Step.Disable) {
            return transitions.disabled(c, s, now);
        }
        if (step instanceof Step.Outlive) {
            return transitions.outlived(c, s, t.dueAt(), t.failures(), now);
        }
        return attempt(t, c, s, (Step.Attempt) step);
    }

    private Decision attempt(TrackedConnection t, Connection c, VaultState s, Step.Attempt attempt) {
        Decision decision;
        try {
            IssuedToken token = issuer.acquire(c, t.cache(), attempt.force());
            outcomes.succeeded(c.id());
            decision = transitions.issued(c, s, token, attempt.signIn(), clock.instant());
            log.info("{} of {}: access token generation {} valid until {}", attempt.signIn() ? "sign-in" : "refresh",
                    c.id(), s.generation() + 1, token.expiresAt());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            RefreshFailure failure = RefreshFailure.of(e);
            log.debug("refresh of {} failed", c.id(), e);
            outcomes.failed(c.id(), failure);
            decision = transitions.failed(c, s, failure, t.failures(), clock.instant());
            logFailure(c, failure, decision);
        }
        return transitions.withWarnings(decision, c, credentialExpiry(c), clock.instant());
    }

    private Optional<TokenIssuer.CredentialExpiry> credentialExpiry(Connection c) {
        try {
            return issuer.credentialExpiry(c);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void publish(TrackedConnection t, Decision decision, Step step) {
        ConnectionId id = t.connection().id();
        ConnectionState from = t.state().state();
        decision.next().map(VaultState::state).filter(to -> !from.canBecome(to)).ifPresent(to -> {
            throw new IllegalStateException("connection " + id + " cannot go from " + from + " to " + to);
        });
        Optional<VaultState> next = decision.next().map(s -> s.withMsalCache(t.cache().serialized()));
        List<VaultKey> consumed = step instanceof Step.Attempt a ? a.consumed() : List.of();
        try {
            updates.publish(new TokenUpdates.Update(id, decision.events(), decision.grant(), next,
                    decision.withdrawGrant(), consumed));
        } catch (OwnershipLost e) {
            log.warn("no longer the owner of connection {}: {}", id, e.getMessage());
            t.release();
            tracked.remove(id, t);
            return;
        }
        t.commit(decision.withNext(next));
        if (next.isEmpty()) {
            t.release();
            tracked.remove(id, t);
        }
    }

    private void logFailure(Connection c, RefreshFailure failure, Decision decision) {
        if (failure.needsPerson()) {
            log.warn("refresh of {} failed: {} ({}); {} must act", c.id(), failure.reasonCode(), failure.kind(),
                    c.authKind() == AuthKind.CLIENT_CREDENTIALS ? "an administrator" : "a person");
        } else {
            log.warn("refresh of {} failed: {} ({}), retry {} at {}", c.id(), failure.reasonCode(), failure.message(),
                    decision.failures(), decision.dueAt().orElse(null));
        }
    }
}
