package io.crmbridge.token;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.token.AccessToken;
import io.crmbridge.crm.token.AccessTokenGrants;
import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.admin.ArmedFault;
import io.crmbridge.sandbox.admin.Fault;
import io.crmbridge.sandbox.admin.FaultRule;
import io.crmbridge.sandbox.identity.AccessTokens;
import io.crmbridge.sandbox.identity.AppRegistration;
import io.crmbridge.sandbox.identity.Grant;
import io.crmbridge.sandbox.identity.IdentitySeeds;
import io.crmbridge.sandbox.identity.TestClientCertificate;
import io.crmbridge.token.fixtures.AdminClient;
import io.crmbridge.token.fixtures.Grants;
import io.crmbridge.token.fixtures.TokenServiceRun;
import io.crmbridge.token.fixtures.TopicTap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * App-only connections (client credentials with a secret and with a certificate) against the sandbox. One sandbox,
 * broker and token-service serve the class; each test has connections of its own (defined at start-up or added by
 * the test) and counts the events it causes from where the topic stood when it began, so the tests run in any order
 * and alone.
 */
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1", "group.initial.rebalance.delay.ms=0"})
class ClientCredentialsIT {

    private static final String SCOPE = "client-credentials-it";
    private static final String ROTATING_CLIENT = "5a1a0b8e-0000-4000-8000-00000000c1e9";
    /** The connections defined at start-up, each used by one test only. */
    private static final List<String> STARTED = List.of("cc-secret", "cc-cert", "cc-storm", "cc-outage", "cc-restart");

    private static Sandbox sandbox;
    private static String brokers;
    private static String org;
    private static Map<String, String> properties;
    private static TokenServiceRun service;
    private static AdminClient admin;
    private static TopicTap tap;
    private static EventsSince.Marks marks;
    private static AccessTokenGrants grants;

    @BeforeAll
    static void start() throws IOException {
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        brokers = broker.getBrokersAsString();
        sandbox = Sandbox.start(SandboxSettings.defaults());
        org = sandbox.httpsBase() + "/org/contoso";
        Path certificate = Files.createTempFile("client", ".p12");
        try (InputStream in = TestClientCertificate.pkcs12()) {
            Files.copy(in, certificate, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path password = write("password", TestClientCertificate.PASSWORD);
        properties = TokenServiceRun.defaults(brokers, SCOPE, sandbox);
        for (int i = 0; i < STARTED.size(); i++) {
            String id = STARTED.get(i);
            if (id.equals("cc-cert") || id.equals("cc-outage")) {
                connection(i, id, IdentitySeeds.CERTIFICATE_CLIENT_ID, "certificate", "file:" + certificate);
                properties.put("crmbridge.token.connections[" + i + "].certificate-password", "file:" + password);
            } else {
                Path secret = write(id, IdentitySeeds.SECRET_CLIENT_SECRET);
                connection(i, id, IdentitySeeds.SECRET_CLIENT_ID, "client-secret", "file:" + secret);
            }
        }
        service = TokenServiceRun.start(properties);
        tap = new TopicTap(brokers, SCOPE);
        marks = new EventsSince.Marks(brokers, SCOPE, tap);
        admin = new AdminClient(service.baseUrl());
        grants = Grants.follow(brokers, SCOPE);
        // Every test starts from connected connections, whichever runs first (a restart must find them in the vault).
        STARTED.forEach(c -> grantOf(c, 0));
    }

    private static void connection(int index, String id, String clientId, String credentialField, String reference) {
        String prefix = "crmbridge.token.connections[" + index + "].";
        properties.put(prefix + "id", id);
        properties.put(prefix + "org-url", org);
        properties.put(prefix + "authority", sandbox.identity().entraAuthority());
        properties.put(prefix + "auth-kind", "CLIENT_CREDENTIALS");
        properties.put(prefix + "client-id", clientId);
        properties.put(prefix + credentialField, reference);
    }

    @AfterAll
    static void stop() {
        grants.close();
        service.close();
        marks.close();
        tap.close();
        sandbox.close();
    }

    private static Path write(String name, String content) throws IOException {
        Path file = Files.createTempFile(name, ".txt");
        Files.writeString(file, content);
        return file;
    }

    private static AccessToken grantOf(String connection, long newerThan) {
        return grants.newerThan(ConnectionId.of(connection), newerThan).block(Duration.ofSeconds(60));
    }

    @Test
    void aSecretAndACertificateEachGetATokenThatTheCrmClientDecryptsAndDataverseAccepts() {
        for (String connection : new String[] {"cc-secret", "cc-cert"}) {
            AccessToken token = grantOf(connection, 0);

            assertThat(token.generation()).isEqualTo(1);
            assertThat(token.orgUrl().toString()).isEqualTo(org);
            assertThat(token.expiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(50)));
            assertThat(sandbox.identity().accessTokens().verify(token.value(), org))
                    .isInstanceOf(AccessTokens.Verification.Accepted.class);
            // The whole history of a connection no other test touches: connecting at start-up is what is checked.
            await().untilAsserted(() -> assertThat(tap.types(connection)).containsExactly(ConnectionEventType.CONNECTED));
            assertThat(admin.state(connection)).isEqualTo("ACTIVE");
        }
    }

    @Test
    void aStormOf401ReportsForOneGenerationCausesOneRefresh() {
        AccessToken current = grantOf("cc-storm", 0);
        EventsSince events = marks.now("cc-storm");
        long before = sandbox.identity().tokenRequests().succeeded(Grant.CLIENT_CREDENTIALS);

        for (int i = 0; i < 25; i++) {
            grants.reportUnauthorized(ConnectionId.of("cc-storm"), current.generation(), "storm-" + i).block();
        }

        AccessToken renewed = grantOf("cc-storm", current.generation());
        assertThat(renewed.generation()).isEqualTo(current.generation() + 1);
        assertThat(renewed.value()).isNotEqualTo(current.value());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                sandbox.identity().tokenRequests().succeeded(Grant.CLIENT_CREDENTIALS)).isEqualTo(before + 1));
        await().untilAsserted(() -> assertThat(events.count(ConnectionEventType.TOKEN_REFRESHED)).isEqualTo(1));
    }

    @Test
    void anIdentityProviderOutageWhileTheTokenIsValidDegradesWithoutExpiringAndRecovers() {
        AccessToken current = grantOf("cc-outage", 0);
        EventsSince events = marks.now("cc-outage");
        ArmedFault outage = sandbox.faults().add(FaultRule.of(new Fault.Status(503))
                .onPathsStartingWith("/" + IdentitySeeds.TENANT_ID + "/oauth2/v2.0/token"));

        grants.reportUnauthorized(ConnectionId.of("cc-outage"), current.generation(), "outage").block();
        await().untilAsserted(() -> assertThat(admin.state("cc-outage")).isEqualTo("DEGRADED"));
        // The state is the service's; the event reaches the topic (and this test's reader) a moment later.
        await().untilAsserted(() -> assertThat(events.count(ConnectionEventType.REFRESH_FAILED)).isEqualTo(1));
        ConnectionEvent failed = events.last(ConnectionEventType.REFRESH_FAILED);
        assertThat(failed.getReasonCode()).isEqualTo("AADSTS90033");
        assertThat(failed.getAccessTokenExpiresAt()).isEqualTo(current.expiresAt());
        assertThat(failed.getNextRetryAt()).isNotNull();
        await().untilAsserted(() -> assertThat(outage.injected()).isGreaterThanOrEqualTo(3));

        sandbox.faults().remove(outage.id());
        AccessToken recovered = grantOf("cc-outage", current.generation());
        await().untilAsserted(() -> assertThat(admin.state("cc-outage")).isEqualTo("ACTIVE"));
        assertThat(recovered.generation()).isEqualTo(current.generation() + 1);
        await().untilAsserted(() -> assertThat(events.count(ConnectionEventType.TOKEN_REFRESHED)).isEqualTo(1));
        assertThat(events.count(ConnectionEventType.REFRESH_FAILED)).isEqualTo(1);
        assertThat(events.count(ConnectionEventType.TOKEN_EXPIRED)).isZero();
        assertThat(events.last(ConnectionEventType.TOKEN_REFRESHED).getEpisodeId())
                .isEqualTo(failed.getEpisodeId());
    }

    @Test
    void anExpiredClientSecretExpiresTheConnectionOnceWithoutRetriesAndARotatedSecretReconnects() throws IOException {
        Path rotatingSecretFile = write("rotating", "rotating-secret-1");
        EventsSince events = marks.now("cc-rotating");
        sandbox.identity().register(AppRegistration.withSecret(ROTATING_CLIENT, "rotating-app", "rotating-secret-1",
                Instant.now().plus(Duration.ofDays(365))));
        var created = admin.post("/api/connections", """
                {"id": "cc-rotating", "orgUrl": "%s", "authority": "%s", "authKind": "CLIENT_CREDENTIALS",
                 "clientId": "%s", "clientSecret": "file:%s"}
                """.formatted(org, sandbox.identity().entraAuthority(), ROTATING_CLIENT, rotatingSecretFile));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        AccessToken first = grantOf("cc-rotating", 0);

        sandbox.identity().expireClientSecret(ROTATING_CLIENT);
        grants.reportUnauthorized(ConnectionId.of("cc-rotating"), first.generation(), "secret").block();
        await().untilAsserted(() -> assertThat(admin.state("cc-rotating")).isEqualTo("EXPIRED"));
        long failuresAfterExpiry = sandbox.identity().tokenRequests().of(Grant.CLIENT_CREDENTIALS, "invalid_client");
        grants.reportUnauthorized(ConnectionId.of("cc-rotating"), first.generation(), "secret-again").block();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> {
            assertThat(events.count(ConnectionEventType.TOKEN_EXPIRED)).isEqualTo(1);
            assertThat(sandbox.identity().tokenRequests().of(Grant.CLIENT_CREDENTIALS, "invalid_client"))
                    .isEqualTo(failuresAfterExpiry);
        });
        ConnectionEvent expired = events.last(ConnectionEventType.TOKEN_EXPIRED);
        assertThat(expired.getReasonCode()).isEqualTo("AADSTS7000222");
        assertThat(expired.getActionRequired()).contains("client secret").contains("file:" + rotatingSecretFile);
        assertThat(expired.getReconnectUrl()).isNull();
        assertThat(events.count(ConnectionEventType.REFRESH_FAILED)).isZero();

        sandbox.identity().register(AppRegistration.withSecret(ROTATING_CLIENT, "rotating-app", "rotating-secret-2",
                Instant.now().plus(Duration.ofDays(365))));
        Files.writeString(rotatingSecretFile, "rotating-secret-2");
        assertThat(admin.post("/api/connections/cc-rotating/reconnect", null).statusCode()).isEqualTo(202);

        AccessToken reconnected = grantOf("cc-rotating", first.generation());
        await().untilAsserted(() -> assertThat(events.types()).containsExactly(ConnectionEventType.CONNECTED,
                ConnectionEventType.TOKEN_EXPIRED, ConnectionEventType.RECONNECTED));
        assertThat(admin.state("cc-rotating")).isEqualTo("ACTIVE");
        assertThat(reconnected.generation()).isEqualTo(first.generation() + 1);
    }

    // Restarts the class's service and leaves the new one running, so the other tests find a service whatever runs
    // before or after this one.
    @Test
    void aRestartedServiceCarriesOnFromTheVaultWithoutReconnecting() throws IOException {
        Path addedSecretFile = write("added", IdentitySeeds.SECRET_CLIENT_SECRET);
        var created = admin.post("/api/connections", """
                {"id": "cc-restart-added", "orgUrl": "%s", "authority": "%s", "authKind": "CLIENT_CREDENTIALS",
                 "clientId": "%s", "clientSecret": "file:%s"}
                """.formatted(org, sandbox.identity().entraAuthority(), IdentitySeeds.SECRET_CLIENT_ID,
                addedSecretFile));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        grantOf("cc-restart-added", 0);
        await().untilAsserted(() -> assertThat(admin.state("cc-restart-added")).isEqualTo("ACTIVE"));
        long generation = grantOf("cc-restart", 0).generation();
        EventsSince events = marks.now("cc-restart");
        long requestsBefore = sandbox.identity().tokenRequests().of(Grant.CLIENT_CREDENTIALS);

        service.close();
        service = TokenServiceRun.start(properties);
        admin = new AdminClient(service.baseUrl());

        await().untilAsserted(() -> assertThat(admin.state("cc-restart")).isEqualTo("ACTIVE"));
        await().untilAsserted(() -> assertThat(admin.state("cc-restart-added")).isEqualTo("ACTIVE"));
        assertThat(admin.json("/api/connections/cc-restart").path("status").path("generation").asLong())
                .isEqualTo(generation);
        assertThat(admin.json("/api/connections/cc-restart-added").path("credential").asString())
                .isEqualTo("secret file:" + addedSecretFile);
        assertThat(events.count(ConnectionEventType.CONNECTED)).isZero();
        assertThat(sandbox.identity().tokenRequests().of(Grant.CLIENT_CREDENTIALS)).isEqualTo(requestsBefore);

        grants.reportUnauthorized(ConnectionId.of("cc-restart"), generation, "after-restart").block();
        assertThat(grantOf("cc-restart", generation).generation()).isEqualTo(generation + 1);
    }
}
