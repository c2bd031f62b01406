package io.crmbridge.crm.token;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.crm.connection.ConnectionId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The newest decrypted token per connection, and the stream of replacements that waiters listen to. Written by
 * the one consumer thread, read from anywhere.
 */
final class HeldGrants {

    private final Map<ConnectionId, AccessToken> latest = new ConcurrentHashMap<>();
    private final Sinks.Many<AccessToken> updates = Sinks.many().multicast().directBestEffort();

    /** Keeps {@code token} if it is newer than the held one; returns whether it was kept. */
    boolean offer(AccessToken token) {
        boolean[] kept = {false};
        latest.compute(token.connection(), (id, held) -> {
            if (held != null && held.generation() >= token.generation()) {
                return held;
            }
            kept[0] = true;
            return token;
        });
        if (kept[0]) {
            // Only the consumer thread emits, so the sink never sees concurrent emissions.
            updates.tryEmitNext(token);
        }
        return kept[0];
    }

    /** A tombstone: the connection was deleted. */
    void forget(ConnectionId connection) {
        latest.remove(connection);
    }

    Optional<AccessToken> latest(ConnectionId connection) {
        return Optional.ofNullable(latest.get(connection));
    }

    Map<ConnectionId, AccessToken> all() {
        return Map.copyOf(latest);
    }

    /** Completes with the first token of {@code connection} whose generation is above {@code generation}. */
    Mono<AccessToken> newerThan(ConnectionId connection, long generation) {
        // Subscribe to updates before looking at the held token, so a grant arriving in between is not missed.
        return updates.asFlux()
                .mergeWith(Mono.fromSupplier(() -> latest.get(connection)))
                .filter(token -> token.connection().equals(connection) && token.generation() > generation)
                .next();
    }

    Flux<AccessToken> updates() {
        return updates.asFlux();
    }

    void complete() {
        updates.tryEmitComplete();
    }
}
