package io.crmbridge.sandbox.identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.PublicClientApplication;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.SandboxTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens MSAL4J got from the sandbox's identity endpoints open the sandbox's Dataverse org, and only that org. */
class DataverseCallsIT {

    private static Sandbox sandbox;
    private static Identity identity;
    private static String org;
    private final HttpClient http = HttpClient.newBuilder().sslContext(SandboxTls.sslContext()).build();

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
        identity = sandbox.identity();
        org = sandbox.httpsBase() + "/org/contoso";
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Test
    void anAppOnlyTokenFromClientCredentialsCallsWhoAmI() throws Exception {
        IAuthenticationResult result = SandboxMsal.confidentialClient(IdentitySeeds.CERTIFICATE_CLIENT_ID,
                ClientCredentialFactory.createFromCertificate(TestClientCertificate.privateKey(),
                        TestClientCertificate.certificate()), identity.entraAuthority())
                .acquireToken(ClientCredentialParameters.builder(Set.of(org + "/.default")).build()).get();

        HttpResponse<String> whoAmI = whoAmI(org, result.accessToken());

        assertThat(whoAmI.statusCode()).isEqualTo(200);
        assertThat(whoAmI.body()).contains("\"UserId\"");
    }

    @Test
    void aUsersTokenFromTheAuthorizationCodeFlowCallsWhoAmI() throws Exception {
        PublicClientApplication app = SandboxMsal.publicClient(IdentitySeeds.NATIVE_CLIENT_ID, identity.entraAuthority());
        IAuthenticationResult result = SandboxMsal.signIn(app, IdentitySeeds.ALICE, IdentitySeeds.ALICE_PASSWORD,
                Set.of(org + "/user_impersonation"));

        assertThat(whoAmI(org, result.accessToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenForAnotherOrgIsRefused() throws Exception {
        String fabrikam = sandbox.httpsBase() + "/org/fabrikam";
        IAuthenticationResult result = SandboxMsal.confidentialClient(IdentitySeeds.SECRET_CLIENT_ID,
                ClientCredentialFactory.createFromSecret(IdentitySeeds.SECRET_CLIENT_SECRET), identity.entraAuthority())
                .acquireToken(ClientCredentialParameters.builder(Set.of(fabrikam + "/.default")).build()).get();

        HttpResponse<String> whoAmI = whoAmI(org, result.accessToken());

        assertThat(whoAmI.statusCode()).isEqualTo(401);
        assertThat(whoAmI.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).contains(IdentitySeeds.TENANT_ID));
    }

    private HttpResponse<String> whoAmI(String orgUrl, String accessToken) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(orgUrl + "/api/data/v9.2/WhoAmI"))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
