package io.crmbridge.sandbox.identity;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Issued refresh tokens. Entra keeps a used refresh token valid after rotation (shared/reference/identity.md
 * §1.3), so nothing here removes one: a token dies by idling, by its family's session being revoked, or by an admin.
 */
final class RefreshTokens {

    private final Map<String, RefreshGrant> tokens = new ConcurrentHashMap<>();

    String issue(RefreshGrant grant) {
        String token = OpaqueTokens.next("1.A", 64);
        tokens.put(token, grant);
        return token;
    }

    Optional<RefreshGrant> find(String token) {
        return Optional.ofNullable(tokens.get(token));
    }

    /** Makes the matching tokens fail as if idle past their window; returns how many. */
    int expire(Predicate<RefreshGrant> which) {
        AtomicInteger expired = new AtomicInteger();
        tokens.replaceAll((token, grant) -> {
            if (grant.idleExpired() || !which.test(grant)) {
                return grant;
            }
            expired.incrementAndGet();
            return grant.expired();
        });
        return expired.get();
    }

    /**
     * What a refresh token stands for.
     *
     * @param scopes      what the client was granted: the family's original request
     * @param issuedAt    when this token was issued; Entra's inactivity window and AD FS's lifetime start here
     * @param idleExpired set by an admin action: the token fails as if idle past its window
     */
    record RefreshGrant(String clientId, Realm realm, Session session, Scopes scopes, Instant issuedAt,
                        boolean idleExpired) {

        RefreshGrant expired() {
            return new RefreshGrant(clientId, realm, session, scopes, issuedAt, true);
        }
    }
}
