package io.crmbridge.sandbox.identity;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs the sandbox's access tokens (RS256 JWTs, key generated per sandbox start) and verifies them for the
 * Dataverse side: signature, issuer, audience (the org URL) and expiry are all checked. The identity endpoints issue
 * every access token through {@link #issue}, and sign id tokens with the same key.
 */
public final class AccessTokens {

    private final Clock clock;
    private final String issuer;
    private final String keyId = UUID.randomUUID().toString();
    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;

    public AccessTokens(Clock clock, String issuer) {
        this.clock = clock;
        this.issuer = issuer;
        KeyPair keys = rsaKeys();
        this.privateKey = (RSAPrivateKey) keys.getPrivate();
        this.publicKey = (RSAPublicKey) keys.getPublic();
    }

    /** Issues an access token for {@code caller} to call the org whose URL is {@code audience}. */
    public String issue(Caller caller, String audience, Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(caller.objectId())
                .claim("oid", caller.objectId())
                .claim("tid", caller.tenantId())
                .claim("appid", caller.clientId())
                .claim("idtyp", caller.appOnly() ? "app" : "user")
                .claim("upn", caller.username())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        return sign(claims);
    }

    /** Signs {@code claims} with the sandbox's key (RS256, {@code kid} = {@link #keyId()}); id tokens use it too. */
    String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(keyId).build(), claims);
            jwt.sign(new RSASSASigner(privateKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /** Checks a bearer token for the org at {@code audience}; never throws on bad input. */
    public Verification verify(String token, String audience) {
        if (token == null || token.isBlank()) {
            return new Verification.Rejected("MissingCrmAuthenticationToken", "no bearer token");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(new RSASSAVerifier(publicKey))) {
                return new Verification.Rejected("TamperedAuthTicket", "signature does not verify");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!issuer.equals(claims.getIssuer())) {
                return new Verification.Rejected("InvalidAuthTicket", "unknown issuer");
            }
            List<String> audiences = claims.getAudience();
            if (audiences == null || !audiences.contains(audience)) {
                return new Verification.Rejected("InvalidAuthTicket", "token is for another audience");
            }
            Date expiry = claims.getExpirationTime();
            if (expiry == null || !expiry.toInstant().isAfter(clock.instant())) {
                return new Verification.Rejected("ExpiredAuthTicket", "token has expired");
            }
            return new Verification.Accepted(new Caller(
                    claims.getStringClaim("oid"), claims.getStringClaim("tid"), claims.getStringClaim("appid"),
                    claims.getStringClaim("upn"), "app".equals(claims.getStringClaim("idtyp"))));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return new Verification.Rejected("InvalidAuthTicket", "not a valid JWT");
        }
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The signing key as a JSON Web Key Set, as served at the discovery {@code jwks_uri}. */
    public Map<String, Object> jwks() {
        RSAKey key = new RSAKey.Builder(publicKey).keyID(keyId).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).build();
        return new JWKSet(key).toJSONObject(true);
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Who a token was issued to: a user (delegated) or an application (app-only). */
    public record Caller(String objectId, String tenantId, String clientId, String username, boolean appOnly) {
    }

    /** The outcome of checking a token; the reason names the Dataverse auth error it maps to. */
    public sealed interface Verification {
        record Accepted(Caller caller) implements Verification {
        }

        record Rejected(String errorName, String reason) implements Verification {
        }
    }
}
