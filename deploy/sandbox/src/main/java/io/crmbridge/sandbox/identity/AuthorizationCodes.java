package io.crmbridge.sandbox.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Issued authorization codes. A code is single-use: the first redemption attempt consumes it, whatever follows. */
final class AuthorizationCodes {

    private final Map<String, Entry> codes = new ConcurrentHashMap<>();

    String issue(AuthorizationCode code) {
        String value = OpaqueTokens.next("0.A", 48);
        codes.put(value, new Entry(code, false));
        return value;
    }

    Redemption redeem(String value, Instant now, Duration lifetime) {
        Entry entry = codes.get(value);
        if (entry == null) {
            return new Redemption.Unknown();
        }
        if (entry.redeemed() || !codes.replace(value, entry, new Entry(entry.code(), true))) {
            return new Redemption.AlreadyRedeemed();
        }
        if (!now.isBefore(entry.code().issuedAt().plus(lifetime))) {
            return new Redemption.Expired();
        }
        return new Redemption.Valid(entry.code());
    }

    /**
     * What an authorize request was granted.
     *
     * @param redirectUri     as sent to the authorize endpoint; the token request must send the same
     * @param challenge       PKCE code challenge, null without PKCE
     * @param challengeMethod {@code S256} or {@code plain} (null means plain)
     */
    record AuthorizationCode(String clientId, Realm realm, String redirectUri, Scopes scopes, String challenge,
                             String challengeMethod, String nonce, Session session, Instant issuedAt) {
    }

    sealed interface Redemption {
        record Valid(AuthorizationCode code) implements Redemption {
        }

        record AlreadyRedeemed() implements Redemption {
        }

        record Expired() implements Redemption {
        }

        record Unknown() implements Redemption {
        }
    }

    private record Entry(AuthorizationCode code, boolean redeemed) {
    }
}
