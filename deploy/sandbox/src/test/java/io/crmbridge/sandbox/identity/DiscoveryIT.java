package io.crmbridge.sandbox.identity;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Set;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.SandboxTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenID Connect discovery documents and signing keys, and MSAL4J's OIDC authority built on them. */
class DiscoveryIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Sandbox sandbox;
    private static Identity identity;
    private static String base;
    private final BrowserSignIn http = new BrowserSignIn();

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
        identity = sandbox.identity();
        base = sandbox.httpsBase().toString();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Test
    void publishesEntrasConfigurationForTheTenantsDomain() {
        JsonNode document = JSON.readTree(http.get(URI.create(base + "/" + IdentitySeeds.TENANT_DOMAIN
                + "/v2.0/.well-known/openid-configuration")).body());

        assertThat(document.path("issuer").asString()).isEqualTo(base + "/" + IdentitySeeds.TENANT_ID + "/v2.0");
        assertThat(document.path("token_endpoint").asString())
                .isEqualTo(base + "/" + IdentitySeeds.TENANT_DOMAIN + "/oauth2/v2.0/token");
        assertThat(document.path("device_authorization_endpoint").asString()).endsWith("/oauth2/v2.0/devicecode");
    }

    @Test
    void publishesAdfsConfiguration() {
        JsonNode document = JSON.readTree(http.get(URI.create(base + "/adfs/.well-known/openid-configuration")).body());

        assertThat(document.path("issuer").asString()).isEqualTo(base + "/adfs");
        assertThat(document.path("token_endpoint").asString()).isEqualTo(base + "/adfs/oauth2/token");
        assertThat(document.path("authorization_endpoint").asString()).isEqualTo(base + "/adfs/oauth2/authorize");
    }

    @Test
    void answersAnUnknownTenantWithAadsts90002() {
        HttpResponse<String> answer = http.get(URI.create(base + "/nobody.example/v2.0/.well-known/openid-configuration"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("AADSTS90002");
    }

    @Test
    void answersAGetOnTheTokenEndpointWithAadsts900561() {
        HttpResponse<String> answer = http.get(URI.create(identity.entraAuthority() + "oauth2/v2.0/token"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("AADSTS900561");
    }

    @Test
    void publishesTheKeyThatSignsTheTokensOfAnOidcAuthority() throws Exception {
        ConfidentialClientApplication app = ConfidentialClientApplication.builder(IdentitySeeds.SECRET_CLIENT_ID,
                        ClientCredentialFactory.createFromSecret(IdentitySeeds.SECRET_CLIENT_SECRET))
                .oidcAuthority(base + "/" + IdentitySeeds.TENANT_ID + "/v2.0/")
                .sslSocketFactory(SandboxTls.socketFactory()).build();
        IAuthenticationResult result = app.acquireToken(ClientCredentialParameters.builder(
                Set.of(base + "/org/contoso/.default")).build()).get();
        JsonNode document = JSON.readTree(http.get(URI.create(base + "/" + IdentitySeeds.TENANT_ID
                + "/v2.0/.well-known/openid-configuration")).body());

        JWKSet keys = JWKSet.parse(http.get(URI.create(document.path("jwks_uri").asString())).body());
        SignedJWT token = SignedJWT.parse(result.accessToken());

        RSAKey key = (RSAKey) keys.getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
    }
}
