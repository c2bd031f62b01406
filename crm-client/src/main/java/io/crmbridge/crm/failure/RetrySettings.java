package io.crmbridge.crm.failure;

import java.time.Duration;

/**
 * Bounds of the retries {@link FailureClassification} allows.
 *
 * @param maxAttempts   attempts of one request in all (the first included) for 429 and transient failures
 * @param backoffUnit   without {@code Retry-After}, attempt n waits {@code backoffUnit * 2^n} (Microsoft's sample
 *                      policy: 2^attempt seconds)
 * @param maxBackoff    cap of that exponential wait
 * @param maxRetryAfter longest {@code Retry-After} waited for inside one request; a longer one ends the request
 *                      as THROTTLED so the caller can schedule it (the governor still holds the connection back)
 */
public record RetrySettings(int maxAttempts, Duration backoffUnit, Duration maxBackoff, Duration maxRetryAfter) {

    public RetrySettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (backoffUnit.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /** 5 attempts, 2 s, 4 s, 8 s, 16 s between them (capped at 60 s), Retry-After honoured up to 5 minutes. */
    public static RetrySettings defaults() {
        return new RetrySettings(5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5));
    }

    public RetrySettings withMaxAttempts(int attempts) {
        return new RetrySettings(attempts, backoffUnit, maxBackoff, maxRetryAfter);
    }

    public RetrySettings withBackoff(Duration unit, Duration max) {
        return new RetrySettings(maxAttempts, unit, max, maxRetryAfter);
    }
}
