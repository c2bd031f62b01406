package io.crmbridge.sandbox.identity;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAssertionsTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final String TOKEN_ENDPOINT = "https://localhost:8443/" + IdentitySeeds.TENANT_ID + "/oauth2/v2.0/token";
    private static final X509Certificate CERTIFICATE = TestClientCertificate.certificate();
    private static final AppRegistration CLIENT = AppRegistration.withCertificate("client-1", "app", CERTIFICATE);

    private final ClientAssertions assertions = new ClientAssertions(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsMsalsRs256AssertionWithAStandardBase64Sha256ThumbprintAndNoIat() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .x509CertSHA256Thumbprint(new Base64URL(Base64.getEncoder().encodeToString(sha256())))
                .build();

        assertThat(verify(sign(header, claims().build(), TestClientCertificate.privateKey()))).isEmpty();
    }

    @Test
    void acceptsAPs256AssertionWithABase64UrlSha256Thumbprint() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.PS256).x509CertSHA256Thumbprint(Base64URL.encode(sha256()))
                .build();

        assertThat(verify(sign(header, claims().issueTime(Date.from(NOW)).build(), TestClientCertificate.privateKey())))
                .isEmpty();
    }

    @Test
    @SuppressWarnings("deprecation")
    void acceptsTheSha1ThumbprintMsalSendsToAdfs() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .x509CertThumbprint(Base64URL.encode(ClientAssertions.digest("SHA-1", CERTIFICATE))).build();

        assertThat(verify(sign(header, claims().build(), TestClientCertificate.privateKey()))).isEmpty();
    }

    @Test
    void refusesAnUnregisteredKeyWithItsThumbprintInTheMessage() throws Exception {
        byte[] unknown = new byte[32];
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).x509CertSHA256Thumbprint(Base64URL.encode(unknown))
                .build();

        assertThat(verify(sign(header, claims().build(), TestClientCertificate.privateKey())))
                .hasValueSatisfying(error -> {
                    assertThat(error.code()).isEqualTo("AADSTS700027");
                    assertThat(error.status()).isEqualTo(401);
                    assertThat(error.error()).isEqualTo("invalid_client");
                    assertThat(error.message()).contains("The key was not found", "0000000000");
                });
    }

    @Test
    void refusesAnAssertionSignedByAnotherKeyThatNamesTheRegisteredCertificate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).x509CertSHA256Thumbprint(Base64URL.encode(sha256()))
                .build();

        assertThat(verify(sign(header, claims().build(), generator.generateKeyPair().getPrivate())))
                .map(OAuthError::message).hasValueSatisfying(m -> assertThat(m).contains("failed signature validation"));
    }

    @Test
    void refusesAnHmacSignedAssertion() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .x509CertSHA256Thumbprint(Base64URL.encode(sha256())).build(), claims().build());
        jwt.sign(new MACSigner(new byte[32]));

        assertThat(verify(jwt.serialize())).map(OAuthError::code).contains("AADSTS700027");
    }

    @Test
    void refusesAnAssertionIssuedForAnotherClient() throws Exception {
        JWTClaimsSet claims = claims().issuer("someone-else").build();

        assertThat(verify(sign(rs256(), claims, TestClientCertificate.privateKey())))
                .map(OAuthError::code).contains("AADSTS700021");
    }

    @Test
    void refusesAnAssertionForAnotherAudience() throws Exception {
        JWTClaimsSet claims = claims().audience("https://login.microsoftonline.com/other/oauth2/v2.0/token").build();

        assertThat(verify(sign(rs256(), claims, TestClientCertificate.privateKey())))
                .map(OAuthError::code).contains("AADSTS700023");
    }

    @Test
    void refusesAnExpiredAssertionButToleratesFiveMinutesOfSkew() throws Exception {
        JWTClaimsSet expired = claims().expirationTime(Date.from(NOW.minus(Duration.ofMinutes(6)))).build();
        JWTClaimsSet withinSkew = claims().expirationTime(Date.from(NOW.minus(Duration.ofMinutes(4)))).build();

        assertThat(verify(sign(rs256(), expired, TestClientCertificate.privateKey())))
                .map(OAuthError::code).contains("AADSTS700024");
        assertThat(verify(sign(rs256(), withinSkew, TestClientCertificate.privateKey()))).isEmpty();
    }

    @Test
    void refusesAnAssertionNotValidYet() throws Exception {
        JWTClaimsSet future = claims().notBeforeTime(Date.from(NOW.plus(Duration.ofMinutes(30))))
                .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(40)))).build();

        assertThat(verify(sign(rs256(), future, TestClientCertificate.privateKey())))
                .map(OAuthError::code).contains("AADSTS700024");
    }

    @Test
    void refusesSomethingThatIsNotAJwt() {
        assertThat(verify("not-a-jwt")).map(OAuthError::code).contains("AADSTS50027");
    }

    @Test
    void decodesThumbprintsInEitherBase64Alphabet() {
        byte[] bytes = {(byte) 0xfb, (byte) 0xff, 0x01};
        assertThat(ClientAssertions.decode(Base64.getEncoder().encodeToString(bytes))).isEqualTo(bytes);
        assertThat(ClientAssertions.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)))
                .isEqualTo(bytes);
        assertThat(ClientAssertions.decode("***")).isNull();
    }

    private Optional<OAuthError> verify(String assertion) {
        return assertions.verify(assertion, CLIENT, Set.of(TOKEN_ENDPOINT));
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer("client-1").subject("client-1").audience(List.of(TOKEN_ENDPOINT))
                .jwtID(UUID.randomUUID().toString()).notBeforeTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(10))));
    }

    private static JWSHeader rs256() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).x509CertSHA256Thumbprint(Base64URL.encode(sha256())).build();
    }

    private static byte[] sha256() {
        return ClientAssertions.digest("SHA-256", CERTIFICATE);
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, PrivateKey key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
