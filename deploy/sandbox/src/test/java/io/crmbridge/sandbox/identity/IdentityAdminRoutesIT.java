package io.crmbridge.sandbox.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code /admin/identity} routes over real HTTP, steering what MSAL4J then meets. */
class IdentityAdminRoutesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Sandbox sandbox;
    private static Identity identity;
    private static DisposableServer admin;
    private static Set<String> appScopes;
    private static Set<String> userScopes;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
        identity = sandbox.identity();
        // Served on its own here; the sandbox's Admin mounts the same routes under /admin.
        admin = HttpServer.create().host("localhost").port(0)
                .handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(identity.adminRoutes()))).bindNow();
        String org = sandbox.httpsBase() + "/org/contoso";
        appScopes = Set.of(org + "/.default");
        userScopes = Set.of(org + "/user_impersonation");
    }

    @AfterAll
    static void stop() {
        admin.disposeNow();
        sandbox.close();
    }

    @Test
    void injectsTokenFailuresAndCountsThemByGrantAndOutcome() {
        HttpResponse<String> armed = send("POST", "/token-failures",
                "{\"count\":2,\"status\":503,\"error\":\"temporarily_unavailable\",\"aadsts\":50033}");

        assertThatThrownBy(this::appToken).cause().isInstanceOfSatisfying(MsalServiceException.class,
                e -> assertThat(e.errorCode()).isEqualTo("temporarily_unavailable"));
        JsonNode counts = JSON.readTree(send("GET", "/token-requests", null).body());
        assertThat(armed.statusCode()).isEqualTo(200);
        assertThat(counts.path("client_credentials").path("temporarily_unavailable").asLong()).isEqualTo(2);
    }

    @Test
    void changesTheAccessTokenLifetime() throws Exception {
        Lifetimes before = identity.lifetimes();
        try {
            HttpResponse<String> changed = send("PUT", "/lifetimes", "{\"accessToken\":\"PT5M\"}");

            IAuthenticationResult result = appToken();

            assertThat(JSON.readTree(changed.body()).path("accessToken").asString()).isEqualTo("PT5M");
            assertThat(result.expiresOnDate().toInstant()).isBefore(Instant.now().plus(Duration.ofMinutes(6)));
        } finally {
            identity.lifetimes(before);
        }
    }

    @Test
    void registersAUserThenExpiresTheirRefreshTokens() throws Exception {
        String username = "admin-" + UUID.randomUUID() + "@contoso.example";
        send("POST", "/users", "{\"username\":\"" + username + "\",\"password\":\"pw\"}");
        PublicClientApplication app = SandboxMsal.publicClient(IdentitySeeds.NATIVE_CLIENT_ID, identity.entraAuthority());
        SandboxMsal.signIn(app, username, "pw", userScopes);

        HttpResponse<String> expired = send("POST", "/users/" + username + "/refresh-tokens/expire", null);

        assertThat(JSON.readTree(expired.body()).path("expired").asInt()).isEqualTo(1);
        assertThatThrownBy(() -> SandboxMsal.refresh(app, userScopes).get()).cause()
                .isInstanceOfSatisfying(MsalInteractionRequiredException.class,
                        e -> assertThat(e.getMessage()).startsWith("AADSTS700082:"));
    }

    @Test
    void registersAConfidentialClientThenExpiresItsSecret() throws Exception {
        String clientId = UUID.randomUUID().toString();
        send("POST", "/clients", "{\"clientId\":\"" + clientId + "\",\"secret\":\"s3\"}");
        assertThat(appToken(clientId, "s3").accessToken()).isNotBlank();

        send("POST", "/clients/" + clientId + "/secrets/expire", null);

        assertThatThrownBy(() -> appToken(clientId, "s3")).cause().isInstanceOfSatisfying(MsalServiceException.class,
                e -> assertThat(e.getMessage()).startsWith("AADSTS7000222:"));
    }

    @Test
    void answers404ForAnUnknownUserOrDeviceCodeAnd400ForMalformedInput() {
        assertThat(send("PUT", "/users/nobody@contoso.example/mfa", "{\"required\":true}").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/device-codes/NOPE/approve", "{\"username\":\"" + IdentitySeeds.ALICE + "\"}")
                .statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/users/" + IdentitySeeds.BOB + "/sign-in-frequency", "{\"every\":\"soon\"}")
                .statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/users/" + IdentitySeeds.BOB + "/mfa", "{not json").statusCode()).isEqualTo(400);
    }

    private IAuthenticationResult appToken() throws Exception {
        return appToken(IdentitySeeds.SECRET_CLIENT_ID, IdentitySeeds.SECRET_CLIENT_SECRET);
    }

    private static IAuthenticationResult appToken(String clientId, String secret) throws Exception {
        return SandboxMsal.confidentialClient(clientId, ClientCredentialFactory.createFromSecret(secret),
                identity.entraAuthority()).acquireToken(ClientCredentialParameters.builder(appScopes).build()).get();
    }

    private HttpResponse<String> send(String method, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + admin.port() + "/admin/identity" + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
