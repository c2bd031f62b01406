package io.crmbridge.sandbox.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Id tokens with the claims MSAL4J builds its account from (shared/reference/identity.md §4.2): Entra v2.0 tokens
 * with {@code oid}, {@code tid}, {@code preferred_username}; AD FS tokens with {@code upn} and {@code unique_name}.
 * MSAL4J reads but does not verify them; they are signed anyway, with the key published at {@code jwks_uri}.
 */
final class IdTokens {

    /** Id tokens live an hour by default (shared/reference/identity.md §3). */
    private static final Duration LIFETIME = Duration.ofHours(1);

    private final AccessTokens signer;
    private final Clock clock;
    private final Tenant tenant;

    IdTokens(AccessTokens signer, Clock clock, Tenant tenant) {
        this.signer = signer;
        this.clock = clock;
        this.tenant = tenant;
    }

    String issue(Authority authority, Delegation delegation) {
        DirectoryUser user = delegation.session().user();
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(authority.issuer(tenant))
                .subject(pairwiseSubject(user, delegation.client()))
                .audience(delegation.client().clientId())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("auth_time", delegation.session().authTime().getEpochSecond())
                .claim("nonce", delegation.nonce());
        if (authority.isAdfs()) {
            claims.claim("upn", user.username()).claim("unique_name", user.downLevelLogonName())
                    .claim("appid", delegation.client().clientId()).claim("ver", "1.0");
        } else {
            claims.claim("name", user.displayName()).claim("preferred_username", user.username())
                    .claim("oid", user.objectId()).claim("tid", tenant.id()).claim("ver", "2.0");
        }
        return signer.sign(claims.build());
    }

    /** Entra's {@code sub} differs per app for the same user. */
    private static String pairwiseSubject(DirectoryUser user, AppRegistration client) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((user.objectId() + ":" + client.clientId()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 43);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
