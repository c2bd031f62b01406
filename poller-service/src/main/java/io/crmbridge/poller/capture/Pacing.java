package io.crmbridge.poller.capture;

import java.time.Duration;
import java.util.Objects;

import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.poller.tracking.FeedFailure;

/**
 * When a subscription is polled next: at its interval when idle, after its shorter active interval when the poll
 * found changes, at once while a read has more pages (catching up), after {@code Retry-After} when throttled, with
 * exponential backoff after failures. After a successful poll the wait counts from the poll's start.
 *
 * @param initialBackoff the first wait after a failure
 * @param maxBackoff     the longest wait after failures; also the wait after a permanent failure
 */
record Pacing(Duration initialBackoff, Duration maxBackoff) {

    public Pacing {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    /** The wait after {@code outcome}, the {@code failures}-th failure in a row (0 after a success). */
    public Duration after(Subscription subscription, PollOutcome outcome, int failures) {
        if (outcome instanceof PollOutcome.Captured captured) {
            if (captured.more()) {
                return Duration.ZERO;
            }
            return captured.published() > 0 ? subscription.activeInterval() : subscription.interval();
        }
        if (outcome instanceof PollOutcome.Resync || outcome instanceof PollOutcome.Uncertain) {
            return Duration.ZERO;
        }
        if (outcome instanceof PollOutcome.Deferred deferred) {
            return afterFailure(deferred, failures);
        }
        return backoff(failures);
    }

    private Duration afterFailure(PollOutcome.Deferred deferred, int failures) {
        if (deferred.reason() == FeedFailure.THROTTLED) {
            // The server said how long: waiting less only earns a longer Retry-After.
            return deferred.retryAfter().compareTo(initialBackoff) > 0 ? deferred.retryAfter() : initialBackoff;
        }
        if (deferred.reason() == FeedFailure.UNAUTHORIZED || deferred.reason() == FeedFailure.PERMANENT) {
            return maxBackoff;
        }
        return backoff(failures);
    }

    Duration backoff(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 20));
        Duration wait = initialBackoff.multipliedBy(1L << doublings);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
