package io.crmbridge.sandbox.identity;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the sandbox's tokens, codes and secrets live; tests and the admin API change them at runtime.
 *
 * @param accessToken            access tokens (Entra: 60-90 min by default; the sandbox uses a fixed value, 1 h)
 * @param refreshTokenInactivity Entra refresh tokens die after this much idle time (MaxInactiveTime, 90 days)
 * @param adfsSso                AD FS refresh tokens live this long from issue ({@code SsoLifetime}, 480 min)
 * @param authorizationCode      authorization codes ("about 10 minutes")
 * @param deviceCode             device codes (Entra: 900 s)
 * @param clientSecret           validity of the seeded client secrets, counted from the sandbox's start
 */
public record Lifetimes(Duration accessToken, Duration refreshTokenInactivity, Duration adfsSso,
                        Duration authorizationCode, Duration deviceCode, Duration clientSecret) {

    public Lifetimes {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshTokenInactivity, "refreshTokenInactivity");
        Objects.requireNonNull(adfsSso, "adfsSso");
        Objects.requireNonNull(authorizationCode, "authorizationCode");
        Objects.requireNonNull(deviceCode, "deviceCode");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    /** The documented defaults (shared/reference/identity.md §1.2, §3, §5.3). */
    public static Lifetimes defaults() {
        return new Lifetimes(Duration.ofHours(1), Duration.ofDays(90), Duration.ofMinutes(480),
                Duration.ofMinutes(10), Duration.ofSeconds(900), Duration.ofDays(180));
    }

    public Lifetimes withAccessToken(Duration value) {
        return new Lifetimes(value, refreshTokenInactivity, adfsSso, authorizationCode, deviceCode, clientSecret);
    }

    public Lifetimes withRefreshTokenInactivity(Duration value) {
        return new Lifetimes(accessToken, value, adfsSso, authorizationCode, deviceCode, clientSecret);
    }

    public Lifetimes withAdfsSso(Duration value) {
        return new Lifetimes(accessToken, refreshTokenInactivity, value, authorizationCode, deviceCode, clientSecret);
    }

    public Lifetimes withAuthorizationCode(Duration value) {
        return new Lifetimes(accessToken, refreshTokenInactivity, adfsSso, value, deviceCode, clientSecret);
    }

    public Lifetimes withDeviceCode(Duration value) {
        return new Lifetimes(accessToken, refreshTokenInactivity, adfsSso, authorizationCode, value, clientSecret);
    }

    public Lifetimes withClientSecret(Duration value) {
        return new Lifetimes(accessToken, refreshTokenInactivity, adfsSso, authorizationCode, deviceCode, value);
    }
}
