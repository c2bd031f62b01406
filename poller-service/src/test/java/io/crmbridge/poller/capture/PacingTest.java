package io.crmbridge.poller.capture;

import java.time.Duration;

import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.poller.tracking.Checkpoint;
import io.crmbridge.poller.tracking.FeedFailure;
import io.crmbridge.poller.subscription.Strategy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PacingTest {

    private final Pacing pacing = new Pacing(Duration.ofMillis(500), Duration.ofSeconds(30));
    private final Subscription subscription = SubscriptionFixture.accounts(5000);
    private final Checkpoint at = Checkpoint.none(Strategy.CHANGE_TRACKING);

    @Test
    void pollsAnIdleSubscriptionAtItsInterval() {
        assertThat(pacing.after(subscription, new PollOutcome.Captured(at, 0, false, null), 0))
                .isEqualTo(subscription.interval());
    }

    @Test
    void pollsAgainAfterTheShorterActiveIntervalWhenThePollFoundChanges() {
        Subscription busy = new Subscription(subscription.key(), "accounts", java.util.List.of(),
                Strategy.CHANGE_TRACKING, Duration.ofSeconds(1), Duration.ofMillis(250), 5000,
                io.crmbridge.poller.subscription.StartPosition.SNAPSHOT, false);

        assertThat(pacing.after(busy, new PollOutcome.Captured(at, 12, false, null), 0)).isEqualTo(Duration.ofMillis(250));
        assertThat(pacing.after(busy, new PollOutcome.Captured(at, 0, false, null), 0)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void pollsAgainAtOnceAfterAPageWithMoreToRead() {
        assertThat(pacing.after(subscription, new PollOutcome.Captured(at, 5000, true, null), 0)).isZero();
    }

    @Test
    void waitsTheServersRetryAfterWhenThrottled() {
        assertThat(pacing.after(subscription, deferred(FeedFailure.THROTTLED, Duration.ofSeconds(12)), 1))
                .isEqualTo(Duration.ofSeconds(12));
        assertThat(pacing.after(subscription, deferred(FeedFailure.THROTTLED, Duration.ZERO), 1))
                .isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void backsOffExponentiallyAfterTransientFailuresUpToTheMaximum() {
        assertThat(pacing.after(subscription, deferred(FeedFailure.TRANSIENT, Duration.ZERO), 1)).isEqualTo(Duration.ofMillis(500));
        assertThat(pacing.after(subscription, deferred(FeedFailure.TRANSIENT, Duration.ZERO), 3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(pacing.after(subscription, new PollOutcome.NotCommitted("x"), 4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(pacing.after(subscription, deferred(FeedFailure.TRANSIENT, Duration.ZERO), 40)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void waitsTheLongestAfterPermanentFailures() {
        assertThat(pacing.after(subscription, deferred(FeedFailure.PERMANENT, Duration.ZERO), 1)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void continuesAtOnceAfterAResync() {
        assertThat(pacing.after(subscription, new PollOutcome.Resync(at), 0)).isZero();
    }

    private static PollOutcome.Deferred deferred(FeedFailure reason, Duration retryAfter) {
        return new PollOutcome.Deferred(reason, retryAfter, "test");
    }
}
