package io.crmbridge.token.refresh;

import java.time.Duration;
import java.util.Objects;

/**
 * When tokens are refreshed and failures retried.
 *
 * @param margin                 refresh this long before the access token expires
 * @param jitter                 refresh up to this much earlier still, at random, so many connections spread out
 * @param minInterval            never refresh a connection more often than this (short-lived tokens, 401 loops)
 * @param backoffInitial         first retry delay after a transient failure; doubles with every failure
 * @param backoffMax             cap of the retry delay
 * @param refreshTokenInactivity how long an unused refresh token lives (Entra: 90 days)
 * @param keepAlive              use the refresh token at least this often, well inside its inactivity window
 * @param credentialWarning      publish CREDENTIAL_EXPIRING when a secret, certificate or refresh token expires
 *                               within this window
 */
public record RefreshSettings(Duration margin, Duration jitter, Duration minInterval, Duration backoffInitial,
                              Duration backoffMax, Duration refreshTokenInactivity, Duration keepAlive,
                              Duration credentialWarning) {

    public RefreshSettings {
        Objects.requireNonNull(margin, "margin");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(minInterval, "minInterval");
        Objects.requireNonNull(backoffInitial, "backoffInitial");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(refreshTokenInactivity, "refreshTokenInactivity");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(credentialWarning, "credentialWarning");
        if (backoffInitial.isZero() || backoffInitial.isNegative() || backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("backoff must be positive, with max >= initial");
        }
        if (keepAlive.compareTo(refreshTokenInactivity) >= 0) {
            throw new IllegalArgumentException("keepAlive must be shorter than refreshTokenInactivity");
        }
    }

    /** 5 min margin, 2 min jitter, 10 s minimum interval, 5 s..5 min backoff, 90-day inactivity, 7-day keep-alive, 30-day warning. */
    public static RefreshSettings defaults() {
        return new RefreshSettings(Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofDays(90), Duration.ofDays(7),
                Duration.ofDays(30));
    }

    /** The delay before retry number {@code attempt} (1 = the first retry). */
    public Duration backoff(int attempt) {
        Duration delay = backoffInitial;
        for (int i = 1; i < attempt && delay.compareTo(backoffMax) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(backoffMax) > 0 ? backoffMax : delay;
    }
}
