package io.crmbridge.sandbox.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Checks a certificate client assertion (shared/reference/identity.md §1.4): RS256 (MSAL4J) or PS256 (Microsoft's
 * current docs), key found by {@code x5t#S256} or {@code x5t} in either base64 alphabet (MSAL4J 1.26 writes them
 * with the standard one), {@code iss} = {@code sub} = client id, {@code aud} = the token endpoint, inside
 * {@code nbf}..{@code exp} with five minutes of skew; a missing {@code iat} is fine.
 */
final class ClientAssertions {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256);
    private static final Duration SKEW = Duration.ofMinutes(5);

    // Clients mint assertions in real time, so their window is checked against the wall clock, not the sandbox's
    // clock that tests move forward.
    private final Clock wallClock;

    ClientAssertions(Clock wallClock) {
        this.wallClock = wallClock;
    }

    /** Empty when {@code assertion} authenticates {@code client} at a token endpoint named in {@code audiences}. */
    Optional<OAuthError> verify(String assertion, AppRegistration client, Set<String> audiences) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Optional.of(EntraErrors.malformedAssertion());
        }
        if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            return Optional.of(EntraErrors.assertionSignatureInvalid());
        }
        Map<String, Object> header = jwt.getHeader().toJSONObject();
        Optional<X509Certificate> certificate = signingCertificate(header, client.certificates());
        if (certificate.isEmpty()) {
            return Optional.of(EntraErrors.assertionKeyNotFound(thumbprintHex(header), client.clientId()));
        }
        if (!verifies(jwt, certificate.get())) {
            return Optional.of(EntraErrors.assertionSignatureInvalid());
        }
        if (!validNow(certificate.get())) {
            return Optional.of(EntraErrors.assertionCertificateExpired(client.clientId()));
        }
        return checkClaims(claims, client.clientId(), audiences);
    }

    private Optional<OAuthError> checkClaims(JWTClaimsSet claims, String clientId, Set<String> audiences) {
        if (!clientId.equals(claims.getIssuer()) || !clientId.equals(claims.getSubject())) {
            return Optional.of(EntraErrors.assertionWrongIssuer());
        }
        List<String> audience = claims.getAudience();
        if (audience == null || audience.stream().map(Scopes::trimTrailingSlash).noneMatch(audiences::contains)) {
            return Optional.of(EntraErrors.assertionWrongAudience());
        }
        Instant now = wallClock.instant();
        Instant notBefore = instant(claims.getNotBeforeTime());
        Instant expiry = instant(claims.getExpirationTime());
        boolean early = notBefore != null && notBefore.isAfter(now.plus(SKEW));
        boolean late = expiry == null || !expiry.plus(SKEW).isAfter(now);
        return early || late ? Optional.of(EntraErrors.assertionOutOfTime(now, notBefore, expiry)) : Optional.empty();
    }

    private static Optional<X509Certificate> signingCertificate(Map<String, Object> header,
                                                                List<X509Certificate> certificates) {
        byte[] sha256 = decode(header.get("x5t#S256"));
        byte[] sha1 = decode(header.get("x5t"));
        byte[] kid = hex(header.get("kid"));
        return certificates.stream()
                .filter(cert -> MessageDigest.isEqual(sha256, digest("SHA-256", cert))
                        || MessageDigest.isEqual(sha1, digest("SHA-1", cert))
                        || MessageDigest.isEqual(kid, digest("SHA-1", cert)))
                .findFirst();
    }

    private static boolean verifies(SignedJWT jwt, X509Certificate certificate) {
        try {
            return certificate.getPublicKey() instanceof RSAPublicKey key && jwt.verify(new RSASSAVerifier(key));
        } catch (JOSEException e) {
            return false;
        }
    }

    private boolean validNow(X509Certificate certificate) {
        try {
            certificate.checkValidity(Date.from(wallClock.instant()));
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    private static String thumbprintHex(Map<String, Object> header) {
        byte[] thumbprint = decode(header.containsKey("x5t") ? header.get("x5t") : header.get("x5t#S256"));
        return thumbprint == null ? "" : HexFormat.of().withUpperCase().formatHex(thumbprint);
    }

    /** Decodes a thumbprint written in base64url or standard base64, padded or not; null if it is neither. */
    static byte[] decode(Object value) {
        if (!(value instanceof String text) || text.isEmpty()) {
            return null;
        }
        String standard = text.replace('-', '+').replace('_', '/').replace("=", "");
        try {
            return Base64.getDecoder().decode(standard);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] hex(Object value) {
        try {
            return value instanceof String text ? HexFormat.of().parseHex(text) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static byte[] digest(String algorithm, X509Certificate certificate) {
        try {
            return MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash a registered certificate", e);
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
