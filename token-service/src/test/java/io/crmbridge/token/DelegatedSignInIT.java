package io.crmbridge.token;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delegated connections, driven end to end through the sandbox's sign-in and consent pages over HTTP: public and
 * confidential clients on Entra ID, a public client on AD FS, the device code flow; expired refresh tokens and
 * reconnecting; a restart. One sandbox, broker and token-service serve the class; each test has connections and
 * users of its own, signs in itself and counts the events it causes from where the topic stood when it began, so
 * the tests run in any order and alone.
 */
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1", "group.initial.rebalance.delay.ms=0"})
class DelegatedSignInIT {

    private static final String SCOPE = "delegated-it";
    private static final DirectoryUser CAROL = user("carol", "Carol Example", "ca01");
    private static final DirectoryUser DAVE = user("dave", "Dave Example", "da01");
    private static final DirectoryUser ERIN = user("erin", "Erin Example", "e101");
    private static final DirectoryUser FRANK = user("frank", "Frank Example", "f101");
    private static final DirectoryUser GRACE = user("grace", "Grace Example", "9a01");

    private static Sandbox sandbox;
    private static String brokers;
    private static String org;
    private static Map<String, String> properties;
    private static TokenServiceRun service;
    private static AdminClient admin;
    private static TopicTap tap;
    private static EventsSince.Marks marks;
    private static AccessTokenGrants grants;
    /** Each test signs in from a browser of its own (JUnit makes an instance per test). */
    private final Browser browser = new Browser();

    @BeforeAll
    static void start() throws IOException {
        brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
        sandbox = Sandbox.start(SandboxSettings.defaults().withIdentity(IdentitySettings.defaults()
                .withDeviceCodePollInterval(Duration.ofSeconds(1))));
        List.of(CAROL, DAVE, ERIN, FRANK, GRACE).forEach(sandbox.identity()::register);
        org = sandbox.httpsBase() + "/org/contoso";
        properties = TokenServiceRun.defaults(brokers, SCOPE, sandbox);
        String entra = sandbox.identity().entraAuthority();
        connection(0, "waiting", "AUTHORIZATION_CODE", IdentitySeeds.NATIVE_CLIENT_ID, entra);
        connection(1, "native", "AUTHORIZATION_CODE", IdentitySeeds.NATIVE_CLIENT_ID, entra);
        connection(2, "web-app", "AUTHORIZATION_CODE_CONFIDENTIAL", IdentitySeeds.SECRET_CLIENT_ID, entra);
        secret(2);
        connection(3, "callbacks", "AUTHORIZATION_CODE", IdentitySeeds.NATIVE_CLIENT_ID, entra);
        connection(4, "expiring", "AUTHORIZATION_CODE", IdentitySeeds.NATIVE_CLIENT_ID, entra);
        connection(5, "onprem", "AUTHORIZATION_CODE", IdentitySeeds.ADFS_CLIENT_ID,
                sandbox.identity().adfsAuthority());
        connection(6, "terminal", "DEVICE_CODE", IdentitySeeds.NATIVE_CLIENT_ID, entra);
        connection(7, "restarting", "AUTHORIZATION_CODE_CONFIDENTIAL", IdentitySeeds.SECRET_CLIENT_ID, entra);
        secret(7);
        connection(8, "restarting-terminal", "DEVICE_CODE", IdentitySeeds.NATIVE_CLIENT_ID, entra);
        service = TokenServiceRun.start(properties);
        admin = new AdminClient(service.baseUrl());
        tap = new TopicTap(brokers, SCOPE);
        marks = new EventsSince.Marks(brokers, SCOPE, tap);
        grants = Grants.follow(brokers, SCOPE);
    }

    private static DirectoryUser user(String name, String displayName, String objectIdSuffix) {
        return new DirectoryUser(name + "@contoso.example", name + "-password", displayName,
                "00000000-0000-4000-8000-00000000" + objectIdSuffix);
    }

    private static void connection(int index, String id, String kind, String clientId, String authority) {
        String prefix = "crmbridge.token.connections[" + index + "].";
        properties.put(prefix + "id", id);
        properties.put(prefix + "org-url", org);
        properties.put(prefix + "authority", authority);
        properties.put(prefix + "auth-kind", kind);
        properties.put(prefix + "client-id", clientId);
    }

    private static void secret(int index) throws IOException {
        Path secret = Files.createTempFile("secret", ".txt");
        Files.writeString(secret, IdentitySeeds.SECRET_CLIENT_SECRET);
        properties.put("crmbridge.token.connections[" + index + "].client-secret", "file:" + secret);
    }

    @AfterAll
    static void stop() {
        grants.close();
        service.close();
        marks.close();
        tap.close();
        sandbox.close();
    }

    private static AccessToken grantOf(String connection, long newerThan) {
        return grants.newerThan(ConnectionId.of(connection), newerThan).block(Duration.ofSeconds(60));
    }

    private void connectAndAwait(String connection, String user, String password) {
        HttpResponse<String> page = browser.connect(service.baseUrl(), connection, user, password);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Signed in to " + connection + " as " + user);
    }

    private void connectWithDeviceCode(String connection, DirectoryUser user) {
        HttpResponse<String> started = admin.post("/api/connections/" + connection + "/reconnect", null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode code = AdminClient.JSON.readTree(started.body());

        HttpResponse<String> entered = browser.enterDeviceCode(URI.create(code.path("verificationUri").asString()),
                code.path("userCode").asString(), user.username(), user.password());
        assertThat(entered.statusCode()).isEqualTo(200);
    }

    @Test
    void delegatedConnectionsWaitForConsentWithAConnectButton() {
        await().untilAsserted(() -> assertThat(admin.state("waiting")).isEqualTo("PENDING_CONSENT"));
        String page = admin.get("/connections").body();
        assertThat(page).contains("href=\"/connections/waiting/connect\">Connect</a>");
        // The whole history of a connection no test signs in to: nothing is published while it waits.
        assertThat(tap.types("waiting")).isEmpty();
    }

    @Test
    void aPersonConnectsAPublicClientThroughTheConsentPageAndTheCrmClientDecryptsTheGrant() {
        EventsSince events = marks.now("native");
        connectAndAwait("native", IdentitySeeds.ALICE, IdentitySeeds.ALICE_PASSWORD);

        AccessToken token = grantOf("native", 0);
        assertThat(token.generation()).isEqualTo(1);
        assertThat(sandbox.identity().accessTokens().verify(token.value(), org))
                .isInstanceOfSatisfying(AccessTokens.Verification.Accepted.class,
                        accepted -> assertThat(accepted.caller().username()).isEqualTo(IdentitySeeds.ALICE));
        await().untilAsserted(() -> assertThat(events.types()).containsExactly(ConnectionEventType.CONNECTED));
        assertThat(events.last(ConnectionEventType.CONNECTED).getMessage()).contains(IdentitySeeds.ALICE);
        assertThat(admin.state("native")).isEqualTo("ACTIVE");
    }

    @Test
    void aConfidentialClientSignsInWithItsSecret() {
        connectAndAwait("web-app", CAROL.username(), CAROL.password());

        AccessToken token = grantOf("web-app", 0);
        assertThat(sandbox.identity().accessTokens().verify(token.value(), org))
                .isInstanceOf(AccessTokens.Verification.Accepted.class);
        await().untilAsserted(() -> assertThat(admin.state("web-app")).isEqualTo("ACTIVE"));
    }

    @Test
    void aWrongReplayedOrForeignCallbackIsRefused() {
        URI callback = browser.signIn(service.baseUrl(), "callbacks", DAVE.username(), DAVE.password());
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
    void anExpiredRefreshTokenExpiresTheConnectionOnceAndSigningInAgainReconnectsIt() {
        EventsSince events = marks.now("expiring");
        connectAndAwait("expiring", ERIN.username(), ERIN.password());
        AccessToken current = grantOf("expiring", 0);
        sandbox.identity().expireRefreshTokens(ERIN.username());

        grants.reportUnauthorized(ConnectionId.of("expiring"), current.generation(), "expiry").block();
        await().untilAsserted(() -> assertThat(admin.state("expiring")).isEqualTo("EXPIRED"));
        grants.reportUnauthorized(ConnectionId.of("expiring"), current.generation(), "expiry-again").block();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(events.count(ConnectionEventType.TOKEN_EXPIRED)).isEqualTo(1));
        ConnectionEvent expired = events.last(ConnectionEventType.TOKEN_EXPIRED);
        assertThat(expired.getReasonCode()).isEqualTo("AADSTS700082");
        assertThat(expired.getReconnectUrl()).isEqualTo(service.baseUrl() + "/connections/expiring/connect");
        assertThat(expired.getActionRequired()).contains("Sign in again");
        assertThat(expired.getMessage()).startsWith("AADSTS700082").doesNotContain("Trace ID");
        assertThat(admin.get("/connections").body()).contains("AADSTS700082")
                .contains("href=\"/connections/expiring/connect\">Reconnect</a>");

        connectAndAwait("expiring", ERIN.username(), ERIN.password());
        AccessToken reconnected = grantOf("expiring", current.generation());
        await().untilAsserted(() -> assertThat(events.types()).endsWith(ConnectionEventType.TOKEN_EXPIRED,
                ConnectionEventType.RECONNECTED));
        assertThat(admin.state("expiring")).isEqualTo("ACTIVE");
        assertThat(events.last(ConnectionEventType.RECONNECTED).getEpisodeId())
                .isEqualTo(expired.getEpisodeId());
        assertThat(sandbox.identity().accessTokens().verify(reconnected.value(), org))
                .isInstanceOf(AccessTokens.Verification.Accepted.class);
    }

    @Test
    void anAdfsConnectionExpiresWithMsis9615AndReconnects() {
        EventsSince events = marks.now("onprem");
        connectAndAwait("onprem", IdentitySeeds.BOB, IdentitySeeds.BOB_PASSWORD);
        AccessToken first = grantOf("onprem", 0);
        assertThat(sandbox.identity().accessTokens().verify(first.value(), org))
                .isInstanceOf(AccessTokens.Verification.Accepted.class);

        sandbox.identity().expireRefreshTokens(IdentitySeeds.BOB);
        grants.reportUnauthorized(ConnectionId.of("onprem"), first.generation(), "adfs").block();
        await().untilAsserted(() -> assertThat(admin.state("onprem")).isEqualTo("EXPIRED"));
        await().untilAsserted(() -> assertThat(events.count(ConnectionEventType.TOKEN_EXPIRED)).isEqualTo(1));
        assertThat(events.last(ConnectionEventType.TOKEN_EXPIRED).getReasonCode()).isEqualTo("MSIS9615");

        connectAndAwait("onprem", IdentitySeeds.BOB, IdentitySeeds.BOB_PASSWORD);
        assertThat(grantOf("onprem", first.generation()).generation()).isEqualTo(first.generation() + 1);
        await().untilAsserted(() -> assertThat(events.types()).containsExactly(ConnectionEventType.CONNECTED,
                ConnectionEventType.TOKEN_EXPIRED, ConnectionEventType.RECONNECTED));
    }

    @Test
    void anOperatorConnectsFromATerminalWithADeviceCode() {
        EventsSince events = marks.now("terminal");
        connectWithDeviceCode("terminal", FRANK);

        AccessToken token = grantOf("terminal", 0);
        assertThat(sandbox.identity().accessTokens().verify(token.value(), org))
                .isInstanceOf(AccessTokens.Verification.Accepted.class);
        await().untilAsserted(() -> assertThat(events.types()).containsExactly(ConnectionEventType.CONNECTED));
    }

    // Restarts the class's service and leaves the new one running, so the other tests find a service whatever runs
    // before or after this one.
    @Test
    void aRestartedServiceRefreshesWithTheRefreshTokenFromTheVault() {
        EventsSince events = marks.now("restarting");
        connectAndAwait("restarting", GRACE.username(), GRACE.password());
        connectWithDeviceCode("restarting-terminal", GRACE);
        grantOf("restarting-terminal", 0);
        await().untilAsserted(() -> assertThat(admin.state("restarting-terminal")).isEqualTo("ACTIVE"));
        long generation = grantOf("restarting", 0).generation();

        service.close();
        service = TokenServiceRun.start(properties);
        admin = new AdminClient(service.baseUrl());
        await().untilAsserted(() -> assertThat(admin.state("restarting")).isEqualTo("ACTIVE"));

        grants.reportUnauthorized(ConnectionId.of("restarting"), generation, "after-restart").block();
        AccessToken refreshed = grantOf("restarting", generation);
        assertThat(refreshed.generation()).isEqualTo(generation + 1);
        await().untilAsserted(() -> assertThat(events.types()).containsExactly(ConnectionEventType.CONNECTED,
                ConnectionEventType.TOKEN_REFRESHED));
        assertThat(admin.state("restarting-terminal")).isEqualTo("ACTIVE");
    }
}
