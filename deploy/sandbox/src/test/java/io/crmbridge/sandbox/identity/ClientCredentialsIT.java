package io.crmbridge.sandbox.identity;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.crmbridge.sandbox.identity.IdentitySeeds.CERTIFICATE_CLIENT_ID;
import static io.crmbridge.sandbox.identity.IdentitySeeds.SECRET_CLIENT_ID;
import static io.crmbridge.sandbox.identity.IdentitySeeds.SECRET_CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** App-only tokens for a Dataverse org, with MSAL4J's secret and certificate credentials, over HTTPS. */
class ClientCredentialsIT {

    private static Sandbox sandbox;
    private static Identity identity;
    private static String org;
    private static Set<String> scopes;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
        identity = sandbox.identity();
        org = sandbox.httpsBase() + "/org/contoso";
        scopes = Set.of(org + "/.default");
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Test
    void issuesAnAppOnlyTokenForTheOrgToAClientWithASecret() throws Exception {
        IAuthenticationResult result = acquire(SECRET_CLIENT_ID,
                ClientCredentialFactory.createFromSecret(SECRET_CLIENT_SECRET), identity.entraAuthority());

        assertThat(identity.accessTokens().verify(result.accessToken(), org)).isEqualTo(
                new AccessTokens.Verification.Accepted(new AccessTokens.Caller(
                        IdentitySeeds.SECRET_CLIENT_APPLICATION_USER_ID, IdentitySeeds.TENANT_ID, SECRET_CLIENT_ID,
                        "sandbox-app", true)));
        assertThat(result.expiresOnDate()).isAfter(Date.from(Instant.now().plus(Duration.ofMinutes(55))));
    }

    @Test
    void issuesAnAppOnlyTokenToAClientWithTheTestCertificateFromItsPkcs12File() throws Exception {
        IAuthenticationResult result;
        try (InputStream pkcs12 = TestClientCertificate.pkcs12()) {
            result = acquire(CERTIFICATE_CLIENT_ID,
                    ClientCredentialFactory.createFromCertificate(pkcs12, TestClientCertificate.PASSWORD),
                    identity.entraAuthority());
        }

        assertThat(identity.accessTokens().verify(result.accessToken(), org))
                .isInstanceOfSatisfying(AccessTokens.Verification.Accepted.class, accepted -> assertThat(
                        accepted.caller().objectId()).isEqualTo(IdentitySeeds.CERTIFICATE_CLIENT_APPLICATION_USER_ID));
    }

    @Test
    void issuesAnAppOnlyTokenToAClientWithTheTestCertificatesKeyOnTheTenantsDomain() throws Exception {
        IAuthenticationResult result = acquire(CERTIFICATE_CLIENT_ID, ClientCredentialFactory.createFromCertificate(
                TestClientCertificate.privateKey(), TestClientCertificate.certificate()),
                identity.entraAuthority(IdentitySeeds.TENANT_DOMAIN));

        assertThat(identity.accessTokens().verify(result.accessToken(), org))
                .isInstanceOf(AccessTokens.Verification.Accepted.class);
    }

    @Test
    void acceptsAPs256AssertionWithASha1ThumbprintAndNoIat() throws Exception {
        String audience = identity.entraAuthority() + "oauth2/v2.0/token";
        String assertion = assertion(JWSAlgorithm.PS256, audience, TestClientCertificate.privateKey());

        IAuthenticationResult result = acquire(CERTIFICATE_CLIENT_ID,
                ClientCredentialFactory.createFromClientAssertion(assertion), identity.entraAuthority());

        assertThat(result.accessToken()).isNotBlank();
    }

    @Test
    void refusesAnAssertionSignedByAKeyOtherThanTheRegisteredCertificatesWith700027() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String assertion = assertion(JWSAlgorithm.RS256, identity.entraAuthority() + "oauth2/v2.0/token",
                generator.generateKeyPair().getPrivate());

        assertThatThrownBy(() -> acquire(CERTIFICATE_CLIENT_ID, ClientCredentialFactory.createFromClientAssertion(assertion),
                identity.entraAuthority())).cause().isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("invalid_client");
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).startsWith("AADSTS700027:");
                });
    }

    @Test
    void refusesAWrongSecretWith401AndAadsts7000215() {
        assertThatThrownBy(() -> acquire(SECRET_CLIENT_ID, ClientCredentialFactory.createFromSecret("wrong"),
                identity.entraAuthority())).cause().isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("invalid_client");
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).startsWith("AADSTS7000215:").contains("Trace ID:", "Correlation ID:");
                });
    }

    @Test
    void refusesASecretFromAPublicClientWithAadsts700025() {
        assertThatThrownBy(() -> acquire(IdentitySeeds.NATIVE_CLIENT_ID, ClientCredentialFactory.createFromSecret("x"),
                identity.entraAuthority())).cause().isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("invalid_client");
                    assertThat(e.getMessage()).startsWith("AADSTS700025:");
                });
    }

    @Test
    void refusesClientCredentialsOnCommon() {
        assertThatThrownBy(() -> acquire(SECRET_CLIENT_ID, ClientCredentialFactory.createFromSecret(SECRET_CLIENT_SECRET),
                identity.entraAuthority("common"))).cause().isInstanceOfSatisfying(MsalServiceException.class,
                        e -> assertThat(e.getMessage()).startsWith("AADSTS9001023:"));
    }

    @Test
    void refusesADelegatedScopeWithAadsts1002012AndAnUnknownResourceWith500011() throws Exception {
        ConfidentialClientApplication app = SandboxMsal.confidentialClient(SECRET_CLIENT_ID,
                ClientCredentialFactory.createFromSecret(SECRET_CLIENT_SECRET), identity.entraAuthority());

        assertThatThrownBy(() -> app.acquireToken(ClientCredentialParameters.builder(
                Set.of(org + "/user_impersonation")).build()).get()).cause()
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("invalid_scope");
                    assertThat(e.getMessage()).startsWith("AADSTS1002012:");
                });
        assertThatThrownBy(() -> app.acquireToken(ClientCredentialParameters.builder(
                Set.of(sandbox.httpsBase() + "/not-an-org/.default")).build()).get()).cause()
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("invalid_resource");
                    assertThat(e.getMessage()).startsWith("AADSTS500011:");
                });
    }

    @Test
    void issuesAnAppOnlyTokenThroughAdfsToAServerApplication() throws Exception {
        IAuthenticationResult result = acquire(IdentitySeeds.ADFS_SERVER_CLIENT_ID,
                ClientCredentialFactory.createFromSecret(IdentitySeeds.ADFS_SERVER_CLIENT_SECRET), identity.adfsAuthority());

        assertThat(identity.accessTokens().verify(result.accessToken(), org))
                .isInstanceOf(AccessTokens.Verification.Accepted.class);
        assertThat(identity.tokenRequests().succeeded(Grant.CLIENT_CREDENTIALS)).isPositive();
    }

    @Test
    void acceptsTheSha1ThumbprintAssertionMsalSignsForAdfs() throws Exception {
        String clientId = UUID.randomUUID().toString();
        identity.register(AppRegistration.withCertificate(clientId, "adfs-cert-app", TestClientCertificate.certificate())
                .onAdfs());

        IAuthenticationResult result = acquire(clientId, ClientCredentialFactory.createFromCertificate(
                TestClientCertificate.privateKey(), TestClientCertificate.certificate()), identity.adfsAuthority());

        assertThat(identity.accessTokens().verify(result.accessToken(), org))
                .isInstanceOf(AccessTokens.Verification.Accepted.class);
    }

    @Test
    void adfsAlsoTakesTheAdalStyleResourceParameter() throws Exception {
        HttpResponse<String> answer = new BrowserSignIn().post(
                URI.create(identity.adfsAuthority() + "oauth2/token"), Map.of(
                        "grant_type", "client_credentials", "client_id", IdentitySeeds.ADFS_SERVER_CLIENT_ID,
                        "client_secret", IdentitySeeds.ADFS_SERVER_CLIENT_SECRET, "resource", org + "/"));

        String accessToken = JSONObjectUtils.parse(answer.body()).get("access_token").toString();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(identity.accessTokens().verify(accessToken, org)).isInstanceOf(AccessTokens.Verification.Accepted.class);
    }

    private static IAuthenticationResult acquire(String clientId, IClientCredential credential, String authority)
            throws Exception {
        ConfidentialClientApplication app = SandboxMsal.confidentialClient(clientId, credential, authority);
        return app.acquireToken(ClientCredentialParameters.builder(scopes).build()).get();
    }

    /** A PS256 or RS256 assertion with the SHA-1 {@code x5t} header and no {@code iat}, signed by {@code key}. */
    @SuppressWarnings("deprecation")
    private static String assertion(JWSAlgorithm algorithm, String audience, PrivateKey key)
            throws Exception {
        JWSHeader header = new JWSHeader.Builder(algorithm).x509CertThumbprint(
                Base64URL.encode(ClientAssertions.digest("SHA-1", TestClientCertificate.certificate()))).build();
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(CERTIFICATE_CLIENT_ID).subject(CERTIFICATE_CLIENT_ID)
                .audience(List.of(audience)).jwtID(UUID.randomUUID().toString()).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10)))).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
