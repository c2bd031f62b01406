package io.crmbridge.sandbox.dataverse;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.identity.AccessTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bearer tokens on every request: audience = the org URL, signature, issuer, expiry. */
class AuthenticationIT {

    private static final AccessTokens.Caller APP = new AccessTokens.Caller("5a1a0b8e-0000-4000-8000-00000000a001",
            "00000000-0000-4000-8000-0000000000c0", "5a1a0b8e-0000-4000-8000-00000000c1d0", "sandbox-app", true);
    private static Sandbox sandbox;
    private static WebApiClient client;
    private static Org org;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
        org = sandbox.dataverse().org("auth");
        client = new WebApiClient(sandbox, "auth");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void acceptsAValidTokenForTheOrg() {
        HttpResponse<String> whoAmI = client.get("WhoAmI");
        assertThat(whoAmI.statusCode()).isEqualTo(200);
        assertThat(WebApiClient.json(whoAmI).get("UserId").stringValue()).matches("[0-9a-f-]{36}");
    }

    @Test
    void answers401WithTheAuthorizationUriWhenTheTokenIsMissing() {
        HttpResponse<String> response = call(null);
        assertUnauthorized(response);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).isEqualTo(
                "Bearer authorization_uri=" + sandbox.httpsBase() + "/00000000-0000-4000-8000-0000000000c0"
                        + "/oauth2/authorize, resource_id=" + org.url() + "/");
    }

    @Test
    void answers401ForAForgedToken() {
        AccessTokens forger = new AccessTokens(sandbox.clock(), sandbox.httpsBase() + "/");
        assertUnauthorized(call(forger.issue(APP, org.url(), Duration.ofHours(1))));
        assertUnauthorized(call("not-a-jwt"));
    }

    @Test
    void answers401ForAnExpiredToken() {
        String token = sandbox.appAccessToken(org.url());
        sandbox.clock().advance(Duration.ofHours(2));
        try {
            assertUnauthorized(call(token));
        } finally {
            sandbox.clock().advance(Duration.ofHours(-2));
        }
        assertThat(call(token).statusCode()).isEqualTo(200);
    }

    @Test
    void answers401ForATokenIssuedForAnotherOrg() {
        String other = sandbox.appAccessToken(sandbox.dataverse().org("elsewhere").url());
        assertUnauthorized(call(other));
        assertUnauthorized(call(sandbox.appAccessToken(org.url() + "/")));
    }

    @Test
    void answers404ForAnOrgThatDoesNotExist() throws Exception {
        HttpResponse<String> response = client.http().send(HttpRequest.newBuilder(
                URI.create(sandbox.httpsBase() + "/org/nosuchorg/api/data/v9.2/accounts")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer authorization_uri=https://");
        RecordWritesIT.assertError(response, "0x8005F101", "The requested resource requires authentication.");
    }

    private static HttpResponse<String> call(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(org.apiUrl() + "/accounts")).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request);
    }
}
