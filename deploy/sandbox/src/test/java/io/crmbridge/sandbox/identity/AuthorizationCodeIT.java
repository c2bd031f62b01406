package io.crmbridge.sandbox.identity;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.AuthorizationRequestUrlParameters;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.RefreshTokenParameters;
import com.microsoft.aad.msal4j.ResponseMode;
import com.microsoft.aad.msal4j.SilentParameters;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.crmbridge.sandbox.identity.IdentitySeeds.ALICE;
import static io.crmbridge.sandbox.identity.IdentitySeeds.ALICE_PASSWORD;
import static io.crmbridge.sandbox.identity.IdentitySeeds.NATIVE_CLIENT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Authorization code + PKCE through the consent page, redeemed and refreshed by MSAL4J over HTTPS. */
class AuthorizationCodeIT {

    private static final String LOOPBACK = "http://localhost:53123";
    private static final String VERIFIER = "sandbox-test-code-verifier-0123456789-abcdefghijklmnop";

    private static Sandbox sandbox;
    private static Identity identity;
    private static String org;
    private static Set<String> scopes;
    private final BrowserSignIn browser = new BrowserSignIn();

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
        identity = sandbox.identity();
        org = sandbox.httpsBase() + "/org/contoso";
        scopes = Set.of(org + "/user_impersonation");
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Test
    void signsInWithPkceThroughTheConsentPageAndRefreshesWithARotatedRefreshToken() throws Exception {
        PublicClientApplication app = SandboxMsal.publicClient(NATIVE_CLIENT_ID, identity.entraAuthority());
        Map<String, String> redirect = signIn(app, "S256", Pkce.s256(VERIFIER));

        IAuthenticationResult result = app.acquireToken(AuthorizationCodeParameters
                .builder(redirect.get("code"), URI.create(LOOPBACK)).scopes(scopes).codeVerifier(VERIFIER).build()).get();

        assertThat(redirect).containsEntry("state", "state-1");
        assertThat(identity.accessTokens().verify(result.accessToken(), org)).isEqualTo(new AccessTokens.Verification
                .Accepted(new AccessTokens.Caller(IdentitySeeds.ALICE_OBJECT_ID, IdentitySeeds.TENANT_ID,
                        NATIVE_CLIENT_ID, ALICE, false)));
        assertThat(result.account().username()).isEqualTo(ALICE);
        Set<IAccount> accounts = app.getAccounts().get();
        assertThat(accounts).hasSize(1);

        String firstRefreshToken = SandboxMsal.refreshTokenIn(app);
        long refreshesBefore = identity.tokenRequests().succeeded(Grant.REFRESH_TOKEN);
        // MSAL4J 1.26 caches an AAD account under the host without its port and, unless authorityUrl is given,
        // sends the silent refresh to that host: port 443 instead of the sandbox's.
        IAuthenticationResult refreshed = app.acquireTokenSilently(SilentParameters.builder(scopes,
                accounts.iterator().next()).forceRefresh(true).authorityUrl(identity.entraAuthority()).build()).get();

        assertThat(identity.tokenRequests().succeeded(Grant.REFRESH_TOKEN)).isEqualTo(refreshesBefore + 1);
        assertThat(refreshed.accessToken()).isNotEqualTo(result.accessToken());
        assertThat(SandboxMsal.refreshTokenIn(app)).isNotNull().isNotEqualTo(firstRefreshToken);
        IAuthenticationResult withOldToken = app.acquireToken(RefreshTokenParameters.builder(scopes,
                firstRefreshToken).build()).get();
        assertThat(identity.accessTokens().verify(withOldToken.accessToken(), org))
                .isInstanceOf(AccessTokens.Verification.Accepted.class);
    }

    @Test
    void answersMsalsFormPostResponseModeWithASelfPostingForm() throws Exception {
        PublicClientApplication app = SandboxMsal.publicClient(NATIVE_CLIENT_ID, identity.entraAuthority());
        URL url = app.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters.builder(LOOPBACK, scopes)
                .state("state-2").responseMode(ResponseMode.QUERY).build());

        HttpResponse<String> page = browser.signIn(url, ALICE, ALICE_PASSWORD);

        // MSAL4J 1.26 overrides ResponseMode.QUERY with form_post.
        assertThat(url.getQuery()).contains("response_mode=form_post");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(BrowserSignIn.formAction(page.body())).isEqualTo(LOOPBACK + "/");
        Map<String, String> fields = BrowserSignIn.hiddenFields(page.body());
        assertThat(fields).containsEntry("state", "state-2").containsKey("code");
        IAuthenticationResult result = app.acquireToken(AuthorizationCodeParameters
                .builder(fields.get("code"), URI.create(LOOPBACK)).scopes(scopes).build()).get();
        assertThat(result.account().username()).isEqualTo(ALICE);
    }

    @Test
    void answersTheQueryResponseModeWithA302ToTheLoopbackRedirectWhosePortWasIgnored() throws Exception {
        PublicClientApplication app = SandboxMsal.publicClient(NATIVE_CLIENT_ID, identity.entraAuthority());
        URL url = withResponseMode(app.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters
                .builder(LOOPBACK, scopes).codeChallenge(Pkce.s256(VERIFIER)).codeChallengeMethod("S256")
                .state("state-q").build()), "query");

        HttpResponse<String> answer = browser.signIn(url, ALICE, ALICE_PASSWORD);

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith(LOOPBACK + "/?code="));
        Map<String, String> redirect = BrowserSignIn.redirectParameters(answer);
        assertThat(redirect).containsEntry("state", "state-q");
        IAuthenticationResult result = app.acquireToken(AuthorizationCodeParameters
                .builder(redirect.get("code"), URI.create(LOOPBACK)).scopes(scopes).codeVerifier(VERIFIER).build()).get();
        assertThat(result.accessToken()).isNotBlank();
    }

    @Test
    void acceptsAPlainPkceChallengeWithTheCodeInTheFragment() throws Exception {
        PublicClientApplication app = SandboxMsal.publicClient(NATIVE_CLIENT_ID, identity.entraAuthority());
        URL url = withResponseMode(app.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters
                .builder(LOOPBACK, scopes).codeChallenge(VERIFIER).codeChallengeMethod("plain").build()), "fragment");
        HttpResponse<String> answer = browser.signIn(url, ALICE, ALICE_PASSWORD);
        assertThat(URI.create(answer.headers().firstValue("Location").orElseThrow()).getRawFragment()).startsWith("code=");
        Map<String, String> redirect = BrowserSignIn.redirectParameters(answer);

        IAuthenticationResult result = app.acquireToken(AuthorizationCodeParameters
                .builder(redirect.get("code"), URI.create(LOOPBACK)).scopes(scopes).codeVerifier(VERIFIER).build()).get();

        assertThat(result.accessToken()).isNotBlank();
    }

    @Test
    void refusesAVerifierThatDoesNotMatchTheChallenge() {
        PublicClientApplication app = SandboxMsal.publicClient(NATIVE_CLIENT_ID, identity.entraAuthority());
        Map<String, String> redirect = signIn(app, "S256", Pkce.s256(VERIFIER));

        assertThatThrownBy(() -> app.acquireToken(AuthorizationCodeParameters.builder(redirect.get("code"),
                URI.create(LOOPBACK)).scopes(scopes).codeVerifier(VERIFIER + "-wrong").build()).get())
                .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("invalid_grant");
                    assertThat(e.getMessage()).startsWith("AADSTS501481:");
                });
    }

    @Test
    void refusesACodeRedeemedTwiceWith54005() throws Exception {
        PublicClientApplication app = SandboxMsal.publicClient(NATIVE_CLIENT_ID, identity.entraAuthority());
        Map<String, String> redirect = signIn(app, "S256", Pkce.s256(VERIFIER));
        AuthorizationCodeParameters redemption = AuthorizationCodeParameters.builder(redirect.get("code"),
                URI.create(LOOPBACK)).scopes(scopes).codeVerifier(VERIFIER).build();
        app.acquireToken(redemption).get();

        assertThatThrownBy(() -> app.acquireToken(redemption).get()).cause()
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("invalid_grant");
                    assertThat(e.getMessage()).startsWith("AADSTS54005: OAuth2 Authorization code was already redeemed");
                });
    }

    @Test
    void refusesToRedeemACodeWithAnotherRedirectUri() {
        PublicClientApplication app = SandboxMsal.publicClient(NATIVE_CLIENT_ID, identity.entraAuthority());
        Map<String, String> redirect = signIn(app, "S256", Pkce.s256(VERIFIER));

        assertThatThrownBy(() -> app.acquireToken(AuthorizationCodeParameters.builder(redirect.get("code"),
                URI.create("http://localhost:53123/oauth/callback")).scopes(scopes).codeVerifier(VERIFIER).build()).get())
                .cause().isInstanceOfSatisfying(MsalServiceException.class,
                        e -> assertThat(e.getMessage()).startsWith("AADSTS70000:").contains("redirect_uri"));
    }

    @Test
    void showsAnErrorPageInsteadOfRedirectingToAnUnregisteredUri() throws Exception {
        PublicClientApplication app = SandboxMsal.publicClient(NATIVE_CLIENT_ID, identity.entraAuthority());
        URL url = app.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters
                .builder("https://evil.example/callback", scopes).build());

        HttpResponse<String> page = browser.get(url.toURI());

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.body()).contains("AADSTS50011").contains("https://evil.example/callback");
    }

    @Test
    void keepsTheUserOnThePageAfterAWrongPassword() {
        PublicClientApplication app = SandboxMsal.publicClient(NATIVE_CLIENT_ID, identity.entraAuthority());
        URL url = app.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters.builder(LOOPBACK, scopes).build());

        HttpResponse<String> page = browser.signIn(url, ALICE, "not-her-password");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.body()).contains("AADSTS50126").doesNotContain("hiddenform");
    }

    @Test
    void redirectsAccessDeniedWhenTheUserCancels() {
        PublicClientApplication app = SandboxMsal.publicClient(NATIVE_CLIENT_ID, identity.entraAuthority());
        URL url = app.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters.builder(LOOPBACK, scopes)
                .state("s").build());

        Map<String, String> redirect = BrowserSignIn.callbackParameters(browser.submit(url, ALICE, "", "deny"));

        assertThat(redirect).containsEntry("error", "access_denied").containsEntry("state", "s");
        assertThat(redirect.get("error_description")).startsWith("AADSTS65004:");
    }

    @Test
    void signsInAConfidentialClientWithItsSecretOnTheTenantsDomain() throws Exception {
        ConfidentialClientApplication app = SandboxMsal.confidentialClient(IdentitySeeds.SECRET_CLIENT_ID,
                ClientCredentialFactory.createFromSecret(IdentitySeeds.SECRET_CLIENT_SECRET),
                identity.entraAuthority(IdentitySeeds.TENANT_DOMAIN));
        String callback = "https://localhost:9443/oauth/callback";
        URL url = app.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters.builder(callback, scopes).build());
        Map<String, String> redirect = BrowserSignIn.callbackParameters(
                browser.signIn(url, IdentitySeeds.BOB, IdentitySeeds.BOB_PASSWORD));

        IAuthenticationResult result = app.acquireToken(AuthorizationCodeParameters
                .builder(redirect.get("code"), URI.create(callback)).scopes(scopes).build()).get();

        assertThat(result.account().username()).isEqualTo(IdentitySeeds.BOB);
        assertThat(app.getAccounts().get()).hasSize(1);
    }

    @Test
    void signsInThroughAdfsWhichKeepsTheRefreshTokenOnRefresh() throws Exception {
        PublicClientApplication app = SandboxMsal.publicClient(IdentitySeeds.ADFS_CLIENT_ID, identity.adfsAuthority());
        URL url = app.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters.builder(LOOPBACK, scopes)
                .codeChallenge(Pkce.s256(VERIFIER)).codeChallengeMethod("S256").build());
        Map<String, String> redirect = BrowserSignIn.callbackParameters(browser.signIn(url, ALICE, ALICE_PASSWORD));

        IAuthenticationResult result = app.acquireToken(AuthorizationCodeParameters
                .builder(redirect.get("code"), URI.create(LOOPBACK)).scopes(scopes).codeVerifier(VERIFIER).build()).get();
        String refreshToken = SandboxMsal.refreshTokenIn(app);
        IAccount account = app.getAccounts().get().iterator().next();
        IAuthenticationResult refreshed = app.acquireTokenSilently(SilentParameters.builder(scopes, account)
                .forceRefresh(true).build()).get();

        assertThat(url.getPath()).isEqualTo("/adfs/oauth2/authorize");
        assertThat(result.account().username()).isEqualTo(ALICE);
        assertThat(identity.accessTokens().verify(refreshed.accessToken(), org))
                .isInstanceOf(AccessTokens.Verification.Accepted.class);
        assertThat(refreshed.accessToken()).isNotEqualTo(result.accessToken());
        assertThat(SandboxMsal.refreshTokenIn(app)).isEqualTo(refreshToken);
    }

    private Map<String, String> signIn(PublicClientApplication app, String method, String challenge) {
        URL url = app.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters.builder(LOOPBACK, scopes)
                .codeChallenge(challenge).codeChallengeMethod(method).state("state-1").build());
        HttpResponse<String> answer = browser.signIn(url, ALICE, ALICE_PASSWORD);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(BrowserSignIn.formAction(answer.body())).isEqualTo(LOOPBACK + "/");
        return BrowserSignIn.callbackParameters(answer);
    }

    /** The same authorize URL asking for another response mode, as a client building its own URL would. */
    private static URL withResponseMode(URL url, String mode) throws Exception {
        return URI.create(url.toString().replace("response_mode=form_post", "response_mode=" + mode)).toURL();
    }
}
