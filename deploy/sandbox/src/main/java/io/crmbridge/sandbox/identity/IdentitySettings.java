package io.crmbridge.sandbox.identity;

import java.time.Duration;
import java.util.Objects;

/**
 * Lifetimes and behaviours of the sandbox's Entra ID / AD FS (shared/reference/identity.md). Where the reference
 * marks a behaviour UNVERIFIED or observed both ways, it is a setting here and the default is the likelier one.
 *
 * @param lifetimes                initial lifetimes (changeable at runtime through {@link Identity#lifetimes(Lifetimes)})
 * @param refreshIn                {@code refresh_in} sent with delegated tokens; {@link Duration#ZERO} (default) leaves it out
 * @param revokedGrantError        which AADSTS code a refresh token revoked by an admin gets (default 50173)
 * @param mfaChallenge             how AADSTS50076 comes back: {@code interaction_required} + {@code suberror: basic_action}
 *                                 (default) or {@code invalid_grant}; both were observed (§2.3)
 * @param adfsRotatesRefreshTokens whether an AD FS refresh_token grant returns a new refresh token (default false, §5.1)
 * @param deviceCodePollInterval   the {@code interval} a device code response asks clients to poll at (Entra: 5 s)
 * @param traceSeparator           what separates "Trace ID", "Correlation ID" and "Timestamp" in AADSTS descriptions:
 *                                 {@code "\r\n"} as in Microsoft's examples (default) or {@code " "} as in newer logs
 */
public record IdentitySettings(Lifetimes lifetimes, Duration refreshIn, RevokedGrantError revokedGrantError,
                               MfaChallenge mfaChallenge, boolean adfsRotatesRefreshTokens,
                               Duration deviceCodePollInterval, String traceSeparator) {

    public IdentitySettings {
        Objects.requireNonNull(lifetimes, "lifetimes");
        Objects.requireNonNull(refreshIn, "refreshIn");
        Objects.requireNonNull(revokedGrantError, "revokedGrantError");
        Objects.requireNonNull(mfaChallenge, "mfaChallenge");
        Objects.requireNonNull(deviceCodePollInterval, "deviceCodePollInterval");
        Objects.requireNonNull(traceSeparator, "traceSeparator");
    }

    public static IdentitySettings defaults() {
        return new IdentitySettings(Lifetimes.defaults(), Duration.ZERO, RevokedGrantError.AADSTS50173,
                MfaChallenge.INTERACTION_REQUIRED, false, Duration.ofSeconds(5), "\r\n");
    }

    /** Lifetime of issued access tokens at start-up. */
    public Duration accessTokenLifetime() {
        return lifetimes.accessToken();
    }

    public IdentitySettings withLifetimes(Lifetimes value) {
        return new IdentitySettings(value, refreshIn, revokedGrantError, mfaChallenge, adfsRotatesRefreshTokens,
                deviceCodePollInterval, traceSeparator);
    }

    public IdentitySettings withRefreshIn(Duration value) {
        return new IdentitySettings(lifetimes, value, revokedGrantError, mfaChallenge, adfsRotatesRefreshTokens,
                deviceCodePollInterval, traceSeparator);
    }

    public IdentitySettings withRevokedGrantError(RevokedGrantError value) {
        return new IdentitySettings(lifetimes, refreshIn, value, mfaChallenge, adfsRotatesRefreshTokens,
                deviceCodePollInterval, traceSeparator);
    }

    public IdentitySettings withMfaChallenge(MfaChallenge value) {
        return new IdentitySettings(lifetimes, refreshIn, revokedGrantError, value, adfsRotatesRefreshTokens,
                deviceCodePollInterval, traceSeparator);
    }

    public IdentitySettings withAdfsRotatesRefreshTokens(boolean value) {
        return new IdentitySettings(lifetimes, refreshIn, revokedGrantError, mfaChallenge, value,
                deviceCodePollInterval, traceSeparator);
    }

    public IdentitySettings withDeviceCodePollInterval(Duration value) {
        return new IdentitySettings(lifetimes, refreshIn, revokedGrantError, mfaChallenge, adfsRotatesRefreshTokens,
                value, traceSeparator);
    }

    public IdentitySettings withTraceSeparator(String value) {
        return new IdentitySettings(lifetimes, refreshIn, revokedGrantError, mfaChallenge, adfsRotatesRefreshTokens,
                deviceCodePollInterval, value);
    }

    /** The code a refresh token revoked by an admin (or by a password reset) is refused with. */
    public enum RevokedGrantError {
        /** FreshTokenNeeded: "the provided grant has expired due to it being revoked". */
        AADSTS50173,
        /** The older "expired or revoked grant" form. */
        AADSTS70008
    }

    /** The {@code error} value AADSTS50076 (MFA required) comes back with. */
    public enum MfaChallenge {
        /** {@code interaction_required} with {@code suberror: basic_action}; MSAL4J throws a plain MsalServiceException. */
        INTERACTION_REQUIRED,
        /** {@code invalid_grant}; MSAL4J throws MsalInteractionRequiredException. */
        INVALID_GRANT
    }
}
