package io.crmbridge.sandbox.identity;

import java.time.Duration;

/**
 * Lifetimes and behaviours of the sandbox's Entra ID / AD FS (shared/reference/identity.md).
 *
 * @param accessTokenLifetime lifetime of issued access tokens (Entra: 60-90 min; default 1 h)
 */
public record IdentitySettings(Duration accessTokenLifetime) {

    public static IdentitySettings defaults() {
        return new IdentitySettings(Duration.ofHours(1));
    }
}
