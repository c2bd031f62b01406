package io.crmbridge.sandbox.identity;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.microsoft.aad.msal4j.DeviceCode;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.PublicClientApplication;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.crmbridge.sandbox.identity.IdentitySeeds.ALICE;
import static io.crmbridge.sandbox.identity.IdentitySeeds.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** MSAL4J's device code flow, polling until the code is approved in-process or on the verification page. */
class DeviceCodeIT {

    private static Sandbox sandbox;
    private static Identity identity;
    private static String org;
    private static Set<String> scopes;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxSettings.defaults().withIdentity(
                IdentitySettings.defaults().withDeviceCodePollInterval(Duration.ofSeconds(1))));
        identity = sandbox.identity();
        org = sandbox.httpsBase() + "/org/contoso";
        scopes = Set.of(org + "/user_impersonation");
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Test
    void pollsWhilePendingAndGetsTheUsersTokensOnceTheCodeIsApproved() throws Exception {
        PublicClientApplication app = SandboxMsal.publicClient(IdentitySeeds.NATIVE_CLIENT_ID,
                identity.entraAuthority("organizations"));
        AtomicReference<DeviceCode> shown = new AtomicReference<>();
        long pendingBefore = identity.tokenRequests().of(Grant.DEVICE_CODE, "authorization_pending");

        CompletableFuture<IAuthenticationResult> result = app.acquireToken(
                DeviceCodeFlowParameters.builder(scopes, shown::set).build());
        await().atMost(Duration.ofSeconds(10)).until(
                () -> identity.tokenRequests().of(Grant.DEVICE_CODE, "authorization_pending") > pendingBefore);
        boolean approved = identity.approveDeviceCode(shown.get().userCode(), ALICE);

        IAuthenticationResult tokens = result.get(10, TimeUnit.SECONDS);
        assertThat(approved).isTrue();
        assertThat(shown.get().verificationUri()).isEqualTo(sandbox.httpsBase() + "/devicelogin");
        assertThat(shown.get().message()).contains(shown.get().userCode());
        assertThat(tokens.account().username()).isEqualTo(ALICE);
        assertThat(identity.accessTokens().verify(tokens.accessToken(), org))
                .isInstanceOf(AccessTokens.Verification.Accepted.class);
        assertThat(SandboxMsal.refreshTokenIn(app)).isNotNull();
        assertThat(identity.approveDeviceCode(shown.get().userCode(), ALICE)).isFalse();
    }

    @Test
    void getsTheTokensOfTheUserWhoSignedInOnTheVerificationPage() throws Exception {
        PublicClientApplication app = SandboxMsal.publicClient(IdentitySeeds.NATIVE_CLIENT_ID, identity.entraAuthority());
        AtomicReference<DeviceCode> shown = new AtomicReference<>();
        CompletableFuture<IAuthenticationResult> result = app.acquireToken(
                DeviceCodeFlowParameters.builder(scopes, shown::set).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> shown.get() != null);
        BrowserSignIn browser = new BrowserSignIn();
        URI page = URI.create(shown.get().verificationUri());

        HttpResponse<String> form = browser.get(page);
        HttpResponse<String> wrongCode = browser.post(page, Map.of("user_code", "NOTACODE", "username", BOB,
                "password", IdentitySeeds.BOB_PASSWORD, "consent", "accept"));
        HttpResponse<String> signedIn = browser.post(page, Map.of("user_code", shown.get().userCode(),
                "username", BOB, "password", IdentitySeeds.BOB_PASSWORD, "consent", "accept"));

        assertThat(form.body()).contains("name=\"user_code\"");
        assertThat(wrongCode.body()).contains("That code didn");
        assertThat(signedIn.body()).contains("You have signed in");
        assertThat(result.get(10, TimeUnit.SECONDS).account().username()).isEqualTo(BOB);
    }

    @Test
    void runsTheDeviceCodeFlowAgainstAdfs() throws Exception {
        PublicClientApplication app = SandboxMsal.publicClient(IdentitySeeds.ADFS_CLIENT_ID, identity.adfsAuthority());
        AtomicReference<DeviceCode> shown = new AtomicReference<>();
        CompletableFuture<IAuthenticationResult> result = app.acquireToken(
                DeviceCodeFlowParameters.builder(scopes, shown::set).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> shown.get() != null);

        assertThat(identity.approveDeviceCode(shown.get().userCode(), ALICE)).isTrue();

        IAuthenticationResult tokens = result.get(10, TimeUnit.SECONDS);
        assertThat(shown.get().verificationUri()).isEqualTo(sandbox.httpsBase() + "/adfs/oauth2/deviceauth");
        assertThat(tokens.account().username()).isEqualTo(ALICE);
        assertThat(app.getAccounts().get()).hasSize(1);
    }
}
