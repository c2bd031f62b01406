package io.crmbridge.token;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** App-only connections (client credentials with a secret and with a certificate) against the sandbox. */
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1", "group.initial.rebalance.delay.ms=0"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientCredentialsIT {

    private static final String SCOPE = "client-credentials-it";
    private static final String ROTATING_CLIENT = "5a1a0b8e-0000-4000-8000-00000000c1e9";

    private static Sandbox sandbox;
    private static String brokers;
    private static String org;
    private static Path secretFile;
    private static Path rotatingSecretFile;
    private static Map<String, String> properties;
    private static TokenServiceRun service;
    private static AdminClient admin;
    private static TopicTap tap;
    private static AccessTokenGrants grants;

    @BeforeAll
    static void start() throws IOException {
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        brokers = broker.getBrokersAsString();
        sandbox = Sandbox.start(SandboxSettings.defaults());
        org = sandbox.httpsBase() + "/org/contoso";
        secretFile = write("secret", IdentitySeeds.SECRET_CLIENT_SECRET);
        rotatingSecretFile = write("rotating", "rotating-secret-1");
        Path certificate = Files.createTempFile("client", ".p12");
        try (InputStream in = TestClientCertificate.pkcs12()) {
            Files.copy(in, certificate, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path password = write("password", TestClientCertificate.PASSWORD);
        properties = TokenServiceRun.defaults(brokers, SCOPE, sandbox);
        connection(0, "cc-secret", IdentitySeeds.SECRET_CLIENT_ID, "client-secret", "file:" + secretFile);
        connection(1, "cc-cert", IdentitySeeds.CERTIFICATE_CLIENT_ID, "certificate", "file:" + certificate);
        properties.put("crmbridge.token.connections[1].certificate-password", "file:" + password);
        service = TokenServiceRun.start(properties);
        tap = new TopicTap(brokers, SCOPE);
        admin = new AdminClient(service.baseUrl());
        grants = Grants.follow(brokers, SCOPE);
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
        tap.close();
        sandbox.close();
    }

    private static Path write(String name, String content) throws IOException {
        Path file = Files.createTempFile(name, ".txt");
        Files.writeString(file, content);
        return file;
    }

    private static AccessToken grantOf(String connection, long newerThan) {
        return grants.newerThan(ConnectionId.of(connection), newerThan).block(Duration.ofSeconds(20));
    }

    @Test
    @Order(1)
    void aSecretAndACertificateEachGetATokenThatTheCrmClientDecryptsAndDataverseAccepts() {
        for (String connection : new String[] {"cc-secret", "cc-cert"}) {
            AccessToken token = grantOf(connection, 0);

            assertThat(token.generation()).isEqualTo(1);
            assertThat(token.orgUrl().toString()).isEqualTo(org);
            assertThat(token.expiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(50)));
            assertThat(sandbox.identity().accessTokens().verify(token.value(), org))
                    .isInstanceOf(AccessTokens.Verification.Accepted.class);
            await().untilAsserted(() -> assertThat(tap.types(connection)).containsExactly(ConnectionEventType.CONNECTED));
            assertThat(admin.state(connection)).isEqualTo("ACTIVE");
        }
    }

    @Test
    @Order(2)
    void aStormOf401ReportsForOneGenerationCausesOneRefresh() {
        AccessToken current = grantOf("cc-secret", 0);
        long before = sandbox.identity().tokenRequests().succeeded(Grant.CLIENT_CREDENTIALS);

        for (int i = 0; i < 25; i++) {
            grants.reportUnauthorized(ConnectionId.of("cc-secret"), current.generation(), "storm-" + i).block();
        }

        AccessToken renewed = grantOf("cc-secret", current.generation());
        assertThat(renewed.generation()).isEqualTo(current.generation() + 1);
        assertThat(renewed.value()).isNotEqualTo(current.value());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                sandbox.identity().tokenRequests().succeeded(Grant.CLIENT_CREDENTIALS)).isEqualTo(before + 1));
        assertThat(tap.count("cc-secret", ConnectionEventType.TOKEN_REFRESHED)).isEqualTo(1);
    }

    @Test
    @Order(3)
    void anIdentityProviderOutageWhileTheTokenIsValidDegradesWithoutExpiringAndRecovers() {
        AccessToken current = grantOf("cc-cert", 0);
        ArmedFault outage = sandbox.faults().add(FaultRule.of(new Fault.Status(503))
                .onPathsStartingWith("/" + IdentitySeeds.TENANT_ID + "/oauth2/v2.0/token"));

        grants.reportUnauthorized(ConnectionId.of("cc-cert"), current.generation(), "outage").block();
        await().untilAsserted(() -> assertThat(admin.state("cc-cert")).isEqualTo("DEGRADED"));
        ConnectionEvent failed = tap.last("cc-cert", ConnectionEventType.REFRESH_FAILED);
        assertThat(failed.getReasonCode()).isEqualTo("AADSTS90033");
        assertThat(failed.getAccessTokenExpiresAt()).isEqualTo(current.expiresAt());
        assertThat(failed.getNextRetryAt()).isNotNull();
        await().untilAsserted(() -> assertThat(outage.injected()).isGreaterThanOrEqualTo(3));

        sandbox.faults().remove(outage.id());
        AccessToken recovered = grantOf("cc-cert", current.generation());
        await().untilAsserted(() -> assertThat(admin.state("cc-cert")).isEqualTo("ACTIVE"));
        assertThat(recovered.generation()).isEqualTo(current.generation() + 1);
        assertThat(tap.count("cc-cert", ConnectionEventType.REFRESH_FAILED)).isEqualTo(1);
        assertThat(tap.count("cc-cert", ConnectionEventType.TOKEN_EXPIRED)).isZero();
        assertThat(tap.last("cc-cert", ConnectionEventType.TOKEN_REFRESHED).getEpisodeId())
                .isEqualTo(failed.getEpisodeId());
    }

    @Test
    @Order(4)
    void anExpiredClientSecretExpiresTheConnectionOnceWithoutRetriesAndARotatedSecretReconnects() throws IOException {
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
            assertThat(tap.count("cc-rotating", ConnectionEventType.TOKEN_EXPIRED)).isEqualTo(1);
            assertThat(sandbox.identity().tokenRequests().of(Grant.CLIENT_CREDENTIALS, "invalid_client"))
                    .isEqualTo(failuresAfterExpiry);
        });
        ConnectionEvent expired = tap.last("cc-rotating", ConnectionEventType.TOKEN_EXPIRED);
        assertThat(expired.getReasonCode()).isEqualTo("AADSTS7000222");
        assertThat(expired.getActionRequired()).contains("client secret").contains("file:" + rotatingSecretFile);
        assertThat(expired.getReconnectUrl()).isNull();
        assertThat(tap.count("cc-rotating", ConnectionEventType.REFRESH_FAILED)).isZero();

        sandbox.identity().register(AppRegistration.withSecret(ROTATING_CLIENT, "rotating-app", "rotating-secret-2",
                Instant.now().plus(Duration.ofDays(365))));
        Files.writeString(rotatingSecretFile, "rotating-secret-2");
        assertThat(admin.post("/api/connections/cc-rotating/reconnect", null).statusCode()).isEqualTo(202);

        AccessToken reconnected = grantOf("cc-rotating", first.generation());
        await().untilAsserted(() -> assertThat(tap.types("cc-rotating")).containsExactly(ConnectionEventType.CONNECTED,
                ConnectionEventType.TOKEN_EXPIRED, ConnectionEventType.RECONNECTED));
        assertThat(admin.state("cc-rotating")).isEqualTo("ACTIVE");
        assertThat(reconnected.generation()).isEqualTo(first.generation() + 1);
    }

    @Test
    @Order(5)
    void aRestartedServiceCarriesOnFromTheVaultWithoutReconnecting() {
        long generation = grantOf("cc-secret", 0).generation();
        long connectedBefore = tap.count("cc-secret", ConnectionEventType.CONNECTED);
        long requestsBefore = sandbox.identity().tokenRequests().of(Grant.CLIENT_CREDENTIALS);

        service.close();
        service = TokenServiceRun.start(properties);
        admin = new AdminClient(service.baseUrl());

        await().untilAsserted(() -> assertThat(admin.state("cc-secret")).isEqualTo("ACTIVE"));
        await().untilAsserted(() -> assertThat(admin.state("cc-rotating")).isEqualTo("ACTIVE"));
        assertThat(admin.json("/api/connections/cc-secret").path("status").path("generation").asLong())
                .isEqualTo(generation);
        assertThat(admin.json("/api/connections/cc-rotating").path("credential").asString())
                .isEqualTo("secret file:" + rotatingSecretFile);
        assertThat(tap.count("cc-secret", ConnectionEventType.CONNECTED)).isEqualTo(connectedBefore);
        assertThat(sandbox.identity().tokenRequests().of(Grant.CLIENT_CREDENTIALS)).isEqualTo(requestsBefore);

        grants.reportUnauthorized(ConnectionId.of("cc-secret"), generation, "after-restart").block();
        assertThat(grantOf("cc-secret", generation).generation()).isEqualTo(generation + 1);
    }
}
