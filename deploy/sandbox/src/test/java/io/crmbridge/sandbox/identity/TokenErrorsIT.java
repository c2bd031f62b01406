package io.crmbridge.sandbox.identity;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.InteractionRequiredExceptionReason;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each documented refusal as MSAL4J surfaces it (shared/reference/identity.md §4.5). */
class TokenErrorsIT {

    private static final String PASSWORD = "pass-word";

    private static Sandbox sandbox;
    private static Identity identity;
    private static String org;
    private static Set<String> userScopes;
    private static Set<String> appScopes;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
        identity = sandbox.identity();
        org = sandbox.httpsBase() + "/org/contoso";
        userScopes = Set.of(org + "/user_impersonation");
        appScopes = Set.of(org + "/.default");
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Test
    void anIdleRefreshTokenIsInteractionRequiredWithInvalidGrantAndAadsts700082() throws Exception {
        String user = newUser();
        PublicClientApplication app = signedIn(user);

        identity.expireRefreshTokens(user);

        assertThatThrownBy(() -> SandboxMsal.refresh(app, userScopes).get()).cause()
                .isInstanceOfSatisfying(MsalInteractionRequiredException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("invalid_grant");
                    assertThat(e.getMessage()).startsWith("AADSTS700082: The refresh token has expired due to inactivity.");
                    assertThat(e.reason()).isEqualTo(InteractionRequiredExceptionReason.NONE);
                });
        assertThat(identity.tokenRequests().of(Grant.REFRESH_TOKEN, "invalid_grant")).isPositive();
    }

    @Test
    void aRevokedSessionIsInteractionRequiredWithAadsts50173() throws Exception {
        String user = newUser();
        PublicClientApplication app = signedIn(user);
        sandbox.clock().advance(Duration.ofSeconds(1));

        identity.revokeRefreshTokens(user);

        assertThatThrownBy(() -> SandboxMsal.refresh(app, userScopes).get()).cause()
                .isInstanceOfSatisfying(MsalInteractionRequiredException.class,
                        e -> assertThat(e.getMessage()).startsWith("AADSTS50173:"));
    }

    @Test
    void aSessionPastTheSignInFrequencyIsInteractionRequiredWithAadsts70043() throws Exception {
        String user = newUser();
        PublicClientApplication app = signedIn(user);
        identity.requireSignInFrequency(user, Duration.ofMinutes(30));

        sandbox.clock().advance(Duration.ofHours(1));
        try {
            assertThatThrownBy(() -> SandboxMsal.refresh(app, userScopes).get()).cause()
                    .isInstanceOfSatisfying(MsalInteractionRequiredException.class,
                            e -> assertThat(e.getMessage()).startsWith("AADSTS70043:"));
        } finally {
            sandbox.clock().advance(Duration.ofHours(-1));
        }
    }

    @Test
    void mfaAsInteractionRequiredIsAPlainServiceExceptionUntilTheUserSignsInAgain() throws Exception {
        String user = newUser();
        PublicClientApplication app = signedIn(user);

        identity.requireMfa(user, true);

        assertThatThrownBy(() -> SandboxMsal.refresh(app, userScopes).get()).cause()
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e).isNotInstanceOf(MsalInteractionRequiredException.class);
                    assertThat(e.errorCode()).isEqualTo("interaction_required");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("AADSTS50076:");
                });
        SandboxMsal.signIn(app, user, PASSWORD, userScopes);
        assertThat(SandboxMsal.refresh(app, userScopes).get().accessToken()).isNotBlank();
    }

    @Test
    void anExpiredClientSecretIsInvalidClientWith401AndAadsts7000222() {
        String clientId = UUID.randomUUID().toString();
        identity.register(AppRegistration.withSecret(clientId, "expiring", "s3cret",
                sandbox.clock().instant().plus(Duration.ofDays(30))));

        identity.expireClientSecret(clientId);

        assertThatThrownBy(() -> appToken(clientId, "s3cret")).cause()
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("invalid_client");
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).startsWith("AADSTS7000222:").contains(clientId);
                });
    }

    @Test
    void aClientSecretExpiresWhenTheSandboxClockPassesItsEndDate() throws Exception {
        String clientId = UUID.randomUUID().toString();
        identity.register(AppRegistration.withSecret(clientId, "short-lived", "s3cret",
                sandbox.clock().instant().plus(Duration.ofDays(1))));
        assertThat(appToken(clientId, "s3cret").accessToken()).isNotBlank();

        sandbox.clock().advance(Duration.ofDays(2));
        try {
            assertThatThrownBy(() -> appToken(clientId, "s3cret")).cause()
                    .isInstanceOfSatisfying(MsalServiceException.class,
                            e -> assertThat(e.getMessage()).startsWith("AADSTS7000222:"));
        } finally {
            sandbox.clock().advance(Duration.ofDays(-2));
        }
    }

    @Test
    void anExpiredAdfsRefreshTokenIsInvalidGrantWith401AndMsis9615() throws Exception {
        String user = newUser();
        PublicClientApplication app = SandboxMsal.publicClient(IdentitySeeds.ADFS_CLIENT_ID, identity.adfsAuthority());
        SandboxMsal.signIn(app, user, PASSWORD, userScopes);
        String refreshToken = SandboxMsal.refreshTokenIn(app);

        identity.expireRefreshTokens(user);

        assertThatThrownBy(() -> SandboxMsal.refresh(app, userScopes).get()).cause()
                .isInstanceOfSatisfying(MsalInteractionRequiredException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("invalid_grant");
                    assertThat(e.getMessage())
                            .isEqualTo("MSIS9615: The refresh token received in refresh_token parameter has expired");
                });
        // MSAL4J 1.26 leaves statusCode() empty on MsalInteractionRequiredException; the wire shows the 401.
        HttpResponse<String> raw = new BrowserSignIn().post(URI.create(identity.adfsAuthority() + "oauth2/token"),
                Map.of("grant_type", "refresh_token", "client_id", IdentitySeeds.ADFS_CLIENT_ID,
                        "refresh_token", refreshToken, "scope", org + "/user_impersonation openid"));
        assertThat(raw.statusCode()).isEqualTo(401);
        assertThat(raw.body()).isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":"
                + "\"MSIS9615: The refresh token received in refresh_token parameter has expired\"}");
    }

    @Test
    void aSingle503IsRetriedByMsalAndCounted() throws Exception {
        long failedBefore = identity.tokenRequests().of(Grant.CLIENT_CREDENTIALS, "http_503");
        long succeededBefore = identity.tokenRequests().succeeded(Grant.CLIENT_CREDENTIALS);

        identity.failNextTokenRequests(1, TokenFailure.status(503));

        assertThat(appToken(IdentitySeeds.SECRET_CLIENT_ID, IdentitySeeds.SECRET_CLIENT_SECRET).accessToken())
                .isNotBlank();
        assertThat(identity.tokenRequests().of(Grant.CLIENT_CREDENTIALS, "http_503")).isEqualTo(failedBefore + 1);
        assertThat(identity.tokenRequests().succeeded(Grant.CLIENT_CREDENTIALS)).isEqualTo(succeededBefore + 1);
    }

    @Test
    void twoBare503sReachTheCallerAsAnUnknownServiceException() {
        identity.failNextTokenRequests(2, TokenFailure.status(503));

        assertThatThrownBy(() -> appToken(IdentitySeeds.SECRET_CLIENT_ID, IdentitySeeds.SECRET_CLIENT_SECRET)).cause()
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    // Without a body MSAL4J 1.26 keeps the status in the message only; statusCode() stays empty.
                    assertThat(e.errorCode()).isEqualTo("unknown");
                    assertThat(e.getMessage()).contains("status code 503 with no response body");
                });
    }

    @Test
    void temporarilyUnavailableReachesTheCallerWithItsErrorCodeAndStatus() {
        identity.failNextTokenRequests(2, TokenFailure.temporarilyUnavailable(503));

        assertThatThrownBy(() -> appToken(IdentitySeeds.SECRET_CLIENT_ID, IdentitySeeds.SECRET_CLIENT_SECRET)).cause()
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.errorCode()).isEqualTo("temporarily_unavailable");
                    assertThat(e.getMessage()).startsWith("AADSTS50033:");
                });
    }

    @Test
    void throttlingIsA429WithRetryAfter() {
        identity.failNextTokenRequests(1, TokenFailure.throttled(Duration.ofSeconds(7)));

        assertThatThrownBy(() -> appToken(IdentitySeeds.SECRET_CLIENT_ID, IdentitySeeds.SECRET_CLIENT_SECRET)).cause()
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers()).hasEntrySatisfying("Retry-After",
                            values -> assertThat(values).containsExactly("7"));
                });
    }

    @Test
    void anAccessTokenIsRejectedOnceTheSandboxClockPassesItsExpiry() throws Exception {
        String token = appToken(IdentitySeeds.SECRET_CLIENT_ID, IdentitySeeds.SECRET_CLIENT_SECRET).accessToken();
        assertThat(identity.accessTokens().verify(token, org)).isInstanceOf(AccessTokens.Verification.Accepted.class);

        sandbox.clock().advance(Duration.ofMinutes(61));
        try {
            assertThat(identity.accessTokens().verify(token, org))
                    .isEqualTo(new AccessTokens.Verification.Rejected("ExpiredAuthTicket", "token has expired"));
        } finally {
            sandbox.clock().advance(Duration.ofMinutes(-61));
        }
    }

    private static String newUser() {
        String username = "user-" + UUID.randomUUID() + "@" + IdentitySeeds.TENANT_DOMAIN;
        identity.register(DirectoryUser.of(username, PASSWORD, "Test User"));
        return username;
    }

    private static PublicClientApplication signedIn(String user) throws Exception {
        PublicClientApplication app = SandboxMsal.publicClient(IdentitySeeds.NATIVE_CLIENT_ID, identity.entraAuthority());
        SandboxMsal.signIn(app, user, PASSWORD, userScopes);
        return app;
    }

    private static IAuthenticationResult appToken(String clientId, String secret) throws Exception {
        ConfidentialClientApplication app = SandboxMsal.confidentialClient(clientId,
                ClientCredentialFactory.createFromSecret(secret), identity.entraAuthority());
        return app.acquireToken(ClientCredentialParameters.builder(appScopes).build()).get();
    }
}
