package io.crmbridge.crm.token;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.crm.connection.ConnectionAvailability;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.topic.TopicFollower;
import io.crmbridge.events.AccessTokenGrant;
import io.crmbridge.events.TokenRequest;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.schemas.serde.AvroSerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The consumer side of the token-service's access-token grants (plain Java over kafka-clients, no Spring): follows
 * the compacted {@code crm.access-tokens} topic, keeps the newest grant of each connection decrypted in memory,
 * and reports 401s back to the token-service as {@code TokenRequest}s on {@code crm.token-requests}.
 *
 * <p>Every instance reads every partition from the beginning without a consumer group: each poller or action
 * instance may need any connection's token. A grant is kept only when its generation is higher than the one held.
 * Tokens are never logged.
 *
 * <pre>{@code
 * try (var grants = AccessTokenGrants.start(GrantSettings.of(servers, "poller-service"), cipher, grantSerde, requestSerde)) {
 *     grants.caughtUp().block(Duration.ofSeconds(30));
 *     AccessToken token = grants.current(connection).block(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class AccessTokenGrants implements AccessTokens, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AccessTokenGrants.class);
    private static final Duration REPORT_AGAIN_AFTER = Duration.ofSeconds(30);

    private final GrantSettings settings;
    private final HeldGrants held = new HeldGrants();
    private final TopicFollower<AccessTokenGrant> follower;
    private final UnauthorizedReports reports;
    private final Map<ConnectionId, Report> reported = new ConcurrentHashMap<>();

    private AccessTokenGrants(GrantSettings settings, TokenCipher cipher, Deserializer<AccessTokenGrant> grants,
                              Serializer<TokenRequest> requests, Clock clock) {
        this.settings = settings;
        this.reports = new UnauthorizedReports(settings, requests, clock);
        GrantReader reader = new GrantReader(cipher, held);
        // The token-service publishes grants in transactions: the follower reads committed grants only.
        this.follower = TopicFollower.of(settings.kafka(), grants).topics(settings.grantsTopic())
                .named(settings.requestedBy() + "-access-token-grants").pollTimeout(settings.pollTimeout())
                .onRecord(reader::apply).onStop(held::complete).start();
    }

    /**
     * Starts following the grants topic with the project's Avro serdes, configured from {@code settings.kafka()}
     * (bootstrap servers, security and the schema-registry settings).
     */
    public static AccessTokenGrants start(GrantSettings settings, TokenCipher cipher) {
        AvroDeserializer<AccessTokenGrant> grants = AvroDeserializer.forGeneratedClasses(settings.kafka());
        AvroSerializer<TokenRequest> requests = new AvroSerializer<>();
        requests.configure(settings.kafka(), false);
        return start(settings, cipher, grants, requests);
    }

    /**
     * Where tokens come from these grants: a connection without one awaits its first grant, and each newer grant
     * ends a pause for a refused token ({@link ConnectionAvailability}'s rules).
     */
    public AccessTokenGrants feed(ConnectionAvailability availability) {
        availability.requireGrants(connection -> held.latest(connection).isPresent());
        held.updates().subscribe(token -> availability.grantArrived(token.connection()));
        return this;
    }

    /**
     * Starts following the grants topic on a thread of its own.
     *
     * @param grants   reads {@code AccessTokenGrant} values (the project's Avro deserializer, configured)
     * @param requests writes {@code TokenRequest} values (the project's Avro serializer, configured)
     */
    public static AccessTokenGrants start(GrantSettings settings, TokenCipher cipher,
                                          Deserializer<AccessTokenGrant> grants, Serializer<TokenRequest> requests) {
        return start(settings, cipher, grants, requests, Clock.systemUTC());
    }

    public static AccessTokenGrants start(GrantSettings settings, TokenCipher cipher,
                                          Deserializer<AccessTokenGrant> grants, Serializer<TokenRequest> requests,
                                          Clock clock) {
        return new AccessTokenGrants(settings, cipher, grants, requests, clock);
    }

    /** Completes once the grants that were on the topic at start-up have all been read. */
    public Mono<Void> caughtUp() {
        return Mono.fromFuture(follower.caughtUp(), true);
    }

    /** The newest token held for {@code connection}, if any. */
    public Optional<AccessToken> latest(ConnectionId connection) {
        return held.latest(connection);
    }

    /** The newest token of every connection with a grant. */
    public Map<ConnectionId, AccessToken> all() {
        return held.all();
    }

    /** Completes with the connection's first token whose generation is above {@code generation}. */
    public Mono<AccessToken> newerThan(ConnectionId connection, long generation) {
        return held.newerThan(connection, generation);
    }

    /** Every token kept from now on, in the order the grants were read. */
    public Flux<AccessToken> updates() {
        return held.updates();
    }

    /**
     * Tells the token-service that Dataverse refused the token of {@code generationSeen} with 401: publishes a
     * {@code TokenRequest} (reason UNAUTHORIZED) keyed by the connection id. The token-service refreshes once per
     * generation, so reporting the same generation from many requests is harmless.
     */
    public Mono<Void> reportUnauthorized(ConnectionId connection, long generationSeen, String requestedBy) {
        return reports.report(connection, generationSeen, requestedBy)
                .doOnSuccess(done -> log.info("reported 401 for connection {} at token generation {}", connection,
                        generationSeen));
    }

    @Override
    public Mono<AccessToken> current(ConnectionId connection) {
        return Mono.defer(() -> held.latest(connection).map(Mono::just)
                .orElseGet(() -> held.newerThan(connection, Long.MIN_VALUE)));
    }

    /** Reports the rejected generation unless a newer token is already held, then waits for a newer one. */
    @Override
    public Mono<AccessToken> renewed(ConnectionId connection, AccessToken rejected) {
        return Mono.defer(() -> {
            Optional<AccessToken> newer = held.latest(connection)
                    .filter(token -> token.generation() > rejected.generation());
            if (newer.isPresent()) {
                return Mono.just(newer.get());
            }
            // Listen before reporting, so a grant published while the report is in flight is not missed.
            Mono<AccessToken> waitForIt = held.newerThan(connection, rejected.generation());
            if (!firstReportOf(connection, rejected.generation())) {
                return waitForIt;
            }
            Mono<AccessToken> report = reportUnauthorized(connection, rejected.generation(), settings.requestedBy())
                    .onErrorResume(error -> {
                        log.warn("could not report 401 for connection {}: {}", connection, error.toString());
                        return Mono.empty();
                    })
                    .then(Mono.empty());
            return Flux.merge(waitForIt, report).next();
        });
    }

    /**
     * Many requests of a connection fail with the same token at once: one report per generation is enough. A
     * report is repeated after a while, in case the first one was lost or the token-service could not act on it.
     */
    private boolean firstReportOf(ConnectionId connection, long generation) {
        long now = System.nanoTime();
        boolean[] first = {false};
        reported.compute(connection, (id, previous) -> {
            if (previous == null || previous.generation() < generation
                    || now - previous.atNanos() > REPORT_AGAIN_AFTER.toNanos()) {
                first[0] = true;
                return new Report(generation, now);
            }
            return previous;
        });
        return first[0];
    }

    private record Report(long generation, long atNanos) {
    }

    @Override
    public void close() {
        follower.close();
        reports.close();
    }
}
