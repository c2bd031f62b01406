package io.crmbridge.token;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.token.AccessToken;
import io.crmbridge.crm.token.AccessTokenGrants;
import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.identity.AccessTokens;
import io.crmbridge.sandbox.identity.DirectoryUser;
import io.crmbridge.sandbox.identity.IdentitySeeds;
import io.crmbridge.sandbox.identity.IdentitySettings;
import io.crmbridge.token.fixtures.AdminClient;
import io.crmbridge.token.fixtures.Browser;
import io.crmbridge.token.fixtures.Grants;
import io.crmbridge.token.fixtures.TokenServiceRun;
import io.crmbridge.token.fixtures.TopicTap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delegated connections, driven end to end through the sandbox's sign-in and consent pages over HTTP: public and
 * confidential clients on Entra ID, a public client on AD FS, the device code flow; expired refresh tokens and
 * reconnecting; a restart.
 */
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1", "group.initial.rebalance.delay.ms=0"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DelegatedSignInIT {

    private static final String SCOPE = "delegated-it";
    private static final DirectoryUser CAROL = new DirectoryUser("carol@contoso.example", "carol-password",
            "Carol Example", "00000000-0000-4000-8000-00000000ca01");

    private static Sandbox sandbox;
    private static String brokers;
    private static String org;
    private static Map<String, String> properties;
    private static TokenServiceRun service;
    private static AdminClient admin;
    private static TopicTap tap;
    private static AccessTokenGrants grants;
    private static final Browser browser = new Browser();

    @BeforeAll
    static void start() throws IOException {
        brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
        sandbox = Sandbox.start(SandboxSettings.defaults().withIdentity(IdentitySettings.defaults()
                .withDeviceCodePollInterval(Duration.ofSeconds(1))));
        sandbox.identity().register(CAROL);
        org = sandbox.httpsBase() + "/org/contoso";
        Path secret = Files.createTempFile("secret", ".txt");
        Files.writeString(secret, IdentitySeeds.SECRET_CLIENT_SECRET);
        properties = TokenServiceRun.defaults(brokers, SCOPE, sandbox);
        connection(0, "native", "AUTHORIZATION_CODE", IdentitySeeds.NATIVE_CLIENT_ID,
                sandbox.identity().entraAuthority());
        connection(1, "web-app", "AUTHORIZATION_CODE_CONFIDENTIAL", IdentitySeeds.SECRET_CLIENT_ID,
                sandbox.identity().entraAuthority());
        properties.put("crmbridge.token.connections[1].client-secret", "file:" + secret);
        connection(2, "onprem", "AUTHORIZATION_CODE", IdentitySeeds.ADFS_CLIENT_ID,
                sandbox.identity().adfsAuthority());
        connection(3, "terminal", "DEVICE_CODE", IdentitySeeds.NATIVE_CLIENT_ID, sandbox.identity().entraAuthority());
        service = TokenServiceRun.start(properties);
        admin = new AdminClient(service.baseUrl());
        tap = new TopicTap(brokers, SCOPE);
        grants = Grants.follow(brokers, SCOPE);
    }

    private static void connection(int index, String id, String kind, String clientId, String authority) {
        String prefix = "crmbridge.token.connections[" + index + "].";
        properties.put(prefix + "id", id);
        properties.put(prefix + "org-url", org);
        properties.put(prefix + "authority", authority);
        properties.put(prefix + "auth-kind", kind);
        properties.put(prefix + "client-id", clientId);
    }

    @AfterAll
    static void stop() {
        grants.close();
        service.close();
        tap.close();
        sandbox.close();
    }

    private static AccessToken grantOf(String connection, long newerThan) {
        return grants.newerThan(ConnectionId.of(connection), newerThan).block(Duration.ofSeconds(20));
    }

    private static void connectAndAwait(String connection, String user, String password) {
        HttpResponse<String> page = browser.connect(service.baseUrl(), connection, user, password);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Signed in to " + connection + " as " + user);
    }

    @Test
    @Order(1)
    void delegatedConnectionsWaitForConsentWithAConnectButton() {
        await().untilAsserted(() -> assertThat(admin.state("native")).isEqualTo("PENDING_CONSENT"));
        String page = admin.get("/connections").body();
        assertThat(page).contains("href=\"/connections/native/connect\">Connect</a>");
        assertThat(tap.types("native")).isEmpty();
    }

    @Test
    @Order(2)
    void aPersonConnectsAPublicClientThroughTheConsentPageAndTheCrmClientDecryptsTheGrant() {
        connectAndAwait("native", IdentitySeeds.ALICE, IdentitySeeds.ALICE_PASSWORD);

        AccessToken token = grantOf("native", 0);
        assertThat(token.generation()).isEqualTo(1);
        assertThat(sandbox.identity().accessTokens().verify(token.value(), org))
                .isInstanceOfSatisfying(AccessTokens.Verification.Accepted.class,
                        accepted -> assertThat(accepted.caller().username()).isEqualTo(IdentitySeeds.ALICE));
        await().untilAsserted(() -> assertThat(tap.types("native")).containsExactly(ConnectionEventType.CONNECTED));
        assertThat(tap.last("native", ConnectionEventType.CONNECTED).getMessage()).contains(IdentitySeeds.ALICE);
        assertThat(admin.state("native")).isEqualTo("ACTIVE");
    }

    @Test
    @Order(3)
    void aConfidentialClientSignsInWithItsSecret() {
        connectAndAwait("web-app", CAROL.username(), CAROL.password());

        AccessToken token = grantOf("web-app", 0);
        assertThat(sandbox.identity().accessTokens().verify(token.value(), org))
                .isInstanceOf(AccessTokens.Verification.Accepted.class);
        await().untilAsserted(() -> assertThat(admin.state("web-app")).isEqualTo("ACTIVE"));
    }

    @Test
    @Order(4)
    void aWrongReplayedOrForeignCallbackIsRefused() {
        URI callback = browser.signIn(service.baseUrl(), "native", IdentitySeeds.ALICE, IdentitySeeds.ALICE_PASSWORD);
        Map<String, String> query = Browser.query(callback);

        URI tampered = service.baseUrl().resolve("/oauth/callback?code=" + query.get("code") + "&state="
                + query.get("state").substring(0, query.get("state").length() - 4) + "AAAA");
        assertThat(browser.get(tampered, true).statusCode()).isEqualTo(400);
        HttpResponse<String> foreign = new Browser().get(callback, true);
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body()).contains("another browser");
        assertThat(browser.get(callback, true).statusCode()).isEqualTo(200);
        HttpResponse<String> replayed = browser.get(callback, true);
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.body()).contains("already completed");
        assertThat(replayed.body()).doesNotContain(query.get("code"));
        assertThat(browser.get(callback, false).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(5)
    void anExpiredRefreshTokenExpiresTheConnectionOnceAndSigningInAgainReconnectsIt() {
        AccessToken current = grants.current(ConnectionId.of("native")).block(Duration.ofSeconds(10));
        sandbox.identity().expireRefreshTokens(IdentitySeeds.ALICE);

        grants.reportUnauthorized(ConnectionId.of("native"), current.generation(), "expiry").block();
        await().untilAsserted(() -> assertThat(admin.state("native")).isEqualTo("EXPIRED"));
        grants.reportUnauthorized(ConnectionId.of("native"), current.generation(), "expiry-again").block();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(tap.count("native", ConnectionEventType.TOKEN_EXPIRED)).isEqualTo(1));
        ConnectionEvent expired = tap.last("native", ConnectionEventType.TOKEN_EXPIRED);
        assertThat(expired.getReasonCode()).isEqualTo("AADSTS700082");
        assertThat(expired.getReconnectUrl()).isEqualTo(service.baseUrl() + "/connections/native/connect");
        assertThat(expired.getActionRequired()).contains("Sign in again");
        assertThat(expired.getMessage()).startsWith("AADSTS700082").doesNotContain("Trace ID");
        assertThat(admin.get("/connections").body()).contains("AADSTS700082")
                .contains("href=\"/connections/native/connect\">Reconnect</a>");

        connectAndAwait("native", IdentitySeeds.ALICE, IdentitySeeds.ALICE_PASSWORD);
        AccessToken reconnected = grantOf("native", current.generation());
        await().untilAsserted(() -> assertThat(tap.types("native")).endsWith(ConnectionEventType.TOKEN_EXPIRED,
                ConnectionEventType.RECONNECTED));
        assertThat(admin.state("native")).isEqualTo("ACTIVE");
        assertThat(tap.last("native", ConnectionEventType.RECONNECTED).getEpisodeId())
                .isEqualTo(expired.getEpisodeId());
        assertThat(sandbox.identity().accessTokens().verify(reconnected.value(), org))
                .isInstanceOf(AccessTokens.Verification.Accepted.class);
    }

    @Test
    @Order(6)
    void anAdfsConnectionExpiresWithMsis9615AndReconnects() {
        connectAndAwait("onprem", IdentitySeeds.BOB, IdentitySeeds.BOB_PASSWORD);
        AccessToken first = grantOf("onprem", 0);
        assertThat(sandbox.identity().accessTokens().verify(first.value(), org))
                .isInstanceOf(AccessTokens.Verification.Accepted.class);

        sandbox.identity().expireRefreshTokens(IdentitySeeds.BOB);
        grants.reportUnauthorized(ConnectionId.of("onprem"), first.generation(), "adfs").block();
        await().untilAsserted(() -> assertThat(admin.state("onprem")).isEqualTo("EXPIRED"));
        assertThat(tap.last("onprem", ConnectionEventType.TOKEN_EXPIRED).getReasonCode()).isEqualTo("MSIS9615");

        connectAndAwait("onprem", IdentitySeeds.BOB, IdentitySeeds.BOB_PASSWORD);
        assertThat(grantOf("onprem", first.generation()).generation()).isEqualTo(first.generation() + 1);
        await().untilAsserted(() -> assertThat(tap.types("onprem")).containsExactly(ConnectionEventType.CONNECTED,
                ConnectionEventType.TOKEN_EXPIRED, ConnectionEventType.RECONNECTED));
    }

    @Test
    @Order(7)
    void anOperatorConnectsFromATerminalWithADeviceCode() {
        HttpResponse<String> started = admin.post("/api/connections/terminal/reconnect", null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode code = AdminClient.JSON.readTree(started.body());

        HttpResponse<String> entered = browser.enterDeviceCode(URI.create(code.path("verificationUri").asString()),
                code.path("userCode").asString(), CAROL.username(), CAROL.password());
        assertThat(entered.statusCode()).isEqualTo(200);

        AccessToken token = grantOf("terminal", 0);
        assertThat(sandbox.identity().accessTokens().verify(token.value(), org))
                .isInstanceOf(AccessTokens.Verification.Accepted.class);
        await().untilAsserted(() -> assertThat(tap.types("terminal")).containsExactly(ConnectionEventType.CONNECTED));
    }

    @Test
    @Order(8)
    void aRestartedServiceRefreshesWithTheRefreshTokenFromTheVault() {
        long generation = grants.current(ConnectionId.of("web-app")).block(Duration.ofSeconds(10)).generation();

        service.close();
        service = TokenServiceRun.start(properties);
        admin = new AdminClient(service.baseUrl());
        await().untilAsserted(() -> assertThat(admin.state("web-app")).isEqualTo("ACTIVE"));

        grants.reportUnauthorized(ConnectionId.of("web-app"), generation, "after-restart").block();
        AccessToken refreshed = grantOf("web-app", generation);
        assertThat(refreshed.generation()).isEqualTo(generation + 1);
        await().untilAsserted(() -> assertThat(tap.types("web-app")).containsExactly(ConnectionEventType.CONNECTED,
                ConnectionEventType.TOKEN_REFRESHED));
        assertThat(admin.state("terminal")).isEqualTo("ACTIVE");
    }
}
