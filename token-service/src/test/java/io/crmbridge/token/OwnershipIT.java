package io.crmbridge.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.token.AccessToken;
import io.crmbridge.crm.token.AccessTokenGrants;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.identity.Grant;
import io.crmbridge.sandbox.identity.IdentitySeeds;
import io.crmbridge.token.fixtures.AdminClient;
import io.crmbridge.token.fixtures.Grants;
import io.crmbridge.token.fixtures.TokenServiceRun;
import io.crmbridge.token.fixtures.TopicTap;
import io.crmbridge.token.refresh.ConnectionStatus;
import io.crmbridge.token.refresh.RefreshingTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two token-service instances on one broker: each connection has exactly one owner, and a survivor takes over.
 * The two instances and the connections are shared; each test waits for the split it starts from and counts what
 * it causes from there, so the tests run in any order and alone.
 */
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1", "group.initial.rebalance.delay.ms=0"})
class OwnershipIT {

    private static final String SCOPE = "ownership-it";
    private static final List<String> CONNECTIONS = IntStream.rangeClosed(1, 8).mapToObj(i -> "org-" + i).toList();

    private static Sandbox sandbox;
    private static String brokers;
    private static Map<String, String> properties;
    private static TokenServiceRun first;
    private static TokenServiceRun second;
    private static TopicTap tap;
    private static AccessTokenGrants grants;

    @BeforeAll
    static void start() throws IOException {
        brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
        sandbox = Sandbox.start(SandboxSettings.defaults());
        Path secret = Files.createTempFile("secret", ".txt");
        Files.writeString(secret, IdentitySeeds.SECRET_CLIENT_SECRET);
        properties = TokenServiceRun.defaults(brokers, SCOPE, sandbox);
        for (int i = 0; i < CONNECTIONS.size(); i++) {
            String prefix = "crmbridge.token.connections[" + i + "].";
            properties.put(prefix + "id", CONNECTIONS.get(i));
            properties.put(prefix + "org-url", sandbox.httpsBase() + "/org/" + CONNECTIONS.get(i));
            properties.put(prefix + "authority", sandbox.identity().entraAuthority());
            properties.put(prefix + "auth-kind", "CLIENT_CREDENTIALS");
            properties.put(prefix + "client-id", IdentitySeeds.SECRET_CLIENT_ID);
            properties.put(prefix + "client-secret", "file:" + secret);
        }
        first = TokenServiceRun.start(instance(properties, "token-a"));
        tap = new TopicTap(brokers, SCOPE);
        grants = Grants.follow(brokers, SCOPE);
        CONNECTIONS.forEach(c -> grants.newerThan(ConnectionId.of(c), 0).block(Duration.ofSeconds(30)));
        second = TokenServiceRun.start(instance(properties, "token-b"));
    }

    private static Map<String, String> instance(Map<String, String> properties, String name) {
        Map<String, String> own = new LinkedHashMap<>(properties);
        own.put("crmbridge.token.ownership.instance-id", name);
        return own;
    }

    @AfterAll
    static void stop() {
        grants.close();
        first.close();
        second.close();
        tap.close();
        sandbox.close();
    }

    private static Set<String> owned(TokenServiceRun instance) {
        return instance.bean(RefreshingTokens.class).statuses().stream().map(ConnectionStatus::connection)
                .map(c -> c.id().value()).collect(Collectors.toSet());
    }

    /** Waits until {@code instances} between them own every connection, each connection exactly once. */
    private static void awaitSplit(TokenServiceRun... instances) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> all = new HashSet<>();
            for (TokenServiceRun instance : instances) {
                Set<String> mine = owned(instance);
                assertThat(mine).isNotEmpty();
                assertThat(all).doesNotContainAnyElementsOf(mine);
                all.addAll(mine);
            }
            assertThat(all).containsExactlyInAnyOrderElementsOf(CONNECTIONS);
        });
    }

    @Test
    void theTwoInstancesSplitTheConnectionsWithExactlyOneOwnerEach() {
        awaitSplit(first, second);

        assertThat(first.bean(RefreshingTokens.class).shards()).doesNotContainAnyElementsOf(
                second.bean(RefreshingTokens.class).shards());
        CONNECTIONS.forEach(c -> assertThat(tap.count(c, ConnectionEventType.CONNECTED)).as(c).isEqualTo(1));
    }

    @Test
    void eachInstanceShowsTheConnectionsTheOtherOwnsFromTheirEvents() {
        awaitSplit(first, second);
        String elsewhere = owned(second).iterator().next();
        // The first instance connected everything before the second joined: have the owner publish an event.
        AccessToken current = grants.current(ConnectionId.of(elsewhere)).block(Duration.ofSeconds(5));
        grants.reportUnauthorized(ConnectionId.of(elsewhere), current.generation(), "shown-elsewhere").block();
        grants.newerThan(ConnectionId.of(elsewhere), current.generation()).block(Duration.ofSeconds(20));
        AdminClient firstAdmin = new AdminClient(first.baseUrl());

        await().untilAsserted(() -> {
            JsonNode status = firstAdmin.json("/api/connections/" + elsewhere).path("status");
            assertThat(status.path("ownedHere").asBoolean()).isFalse();
            assertThat(status.path("reportedBy").asString()).isEqualTo("token-b");
            assertThat(status.path("state").asString()).isEqualTo("ACTIVE");
        });
        assertThat(firstAdmin.get("/connections").body()).contains("reported by token-b");
    }

    @Test
    void aReportedRejectionIsRefreshedByTheOwnerAloneOnce() {
        awaitSplit(first, second);
        Map<String, Long> refreshes = CONNECTIONS.stream().collect(Collectors.toMap(c -> c,
                c -> tap.count(c, ConnectionEventType.TOKEN_REFRESHED)));
        long before = sandbox.identity().tokenRequests().succeeded(Grant.CLIENT_CREDENTIALS);
        Map<String, Long> generations = CONNECTIONS.stream().collect(Collectors.toMap(c -> c,
                c -> grants.current(ConnectionId.of(c)).block(Duration.ofSeconds(5)).generation()));

        generations.forEach((c, g) -> grants.reportUnauthorized(ConnectionId.of(c), g, "ownership-test").block());

        generations.forEach((c, g) -> assertThat(grants.newerThan(ConnectionId.of(c), g).block(Duration.ofSeconds(20))
                .generation()).isEqualTo(g + 1));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> assertThat(
                sandbox.identity().tokenRequests().succeeded(Grant.CLIENT_CREDENTIALS))
                .isEqualTo(before + CONNECTIONS.size()));
        CONNECTIONS.forEach(c -> assertThat(tap.count(c, ConnectionEventType.TOKEN_REFRESHED)).as(c)
                .isEqualTo(refreshes.get(c) + 1));
    }

    // Stops the first instance and starts it again afterwards, so the other tests find two instances whatever
    // runs before or after this one.
    @Test
    void whenOneInstanceStopsTheOtherTakesOverEveryConnectionWithinTheSessionTimeout() {
        awaitSplit(first, second);
        Set<String> moving = owned(first);
        String moved = moving.iterator().next();
        long refreshed = tap.count(moved, ConnectionEventType.TOKEN_REFRESHED);
        first.close();
        try {
            await().atMost(Duration.ofSeconds(6)).untilAsserted(() ->
                    assertThat(owned(second)).containsExactlyInAnyOrderElementsOf(CONNECTIONS));
            AccessToken current = grants.current(ConnectionId.of(moved)).block(Duration.ofSeconds(5));
            grants.reportUnauthorized(ConnectionId.of(moved), current.generation(), "after-takeover").block();
            AccessToken renewed = grants.newerThan(ConnectionId.of(moved), current.generation())
                    .block(Duration.ofSeconds(20));
            assertThat(renewed.generation()).isEqualTo(current.generation() + 1);
            await().untilAsserted(() -> {
                assertThat(tap.count(moved, ConnectionEventType.TOKEN_REFRESHED)).isEqualTo(refreshed + 1);
                assertThat(tap.last(moved, ConnectionEventType.TOKEN_REFRESHED).getInstanceId()).isEqualTo("token-b");
            });
            CONNECTIONS.forEach(c -> assertThat(tap.count(c, ConnectionEventType.CONNECTED)).as(c).isEqualTo(1));
        } finally {
            first = TokenServiceRun.start(instance(properties, "token-a"));
        }
    }
}
