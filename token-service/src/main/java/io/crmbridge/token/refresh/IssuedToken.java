package io.crmbridge.token.refresh;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An access token as the identity provider issued it.
 *
 * @param account the signed-in user's name for delegated tokens; empty for app-only tokens
 */
public record IssuedToken(String value, Instant expiresAt, Optional<String> account) {

    public IssuedToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(account, "account");
    }

    @Override
    public String toString() {
        return "IssuedToken[expiresAt=" + expiresAt + ", value=(redacted)]";
    }
}
