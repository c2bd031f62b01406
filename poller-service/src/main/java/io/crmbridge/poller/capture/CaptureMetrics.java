package io.crmbridge.poller.capture;

import java.time.Duration;
import java.time.Instant;

import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.FeedFailure;

/** What the capture reports for operations, per subscription (port; Micrometer in the service). */
interface CaptureMetrics {

    /** A read was sent to Dataverse and answered (a page or a failure) after {@code duration}. */
    void polled(SubscriptionKey subscription, Duration duration);

    /** {@code count} changes were committed; writing them and their checkpoint took {@code duration}. */
    void published(SubscriptionKey subscription, int count, Duration duration);

    /** How far behind the newest change on the latest page was when read; zero when the latest poll was empty. */
    void lag(SubscriptionKey subscription, Duration lag);

    /** A read gave no page. */
    void failed(SubscriptionKey subscription, FeedFailure reason);

    /** A page could not be committed. */
    void commitFailed(SubscriptionKey subscription);

    /** The delta token expired and a re-sync started: a connection-level warning. */
    void resynced(SubscriptionKey subscription);

    /** The subscription has been failing for longer than the threshold (CAPTURE_FAILING), or no longer is. */
    void failing(SubscriptionKey subscription, boolean failing);

    /** Metrics that go nowhere, for tests. */
    CaptureMetrics NONE = new CaptureMetrics() {
        @Override
        public void polled(SubscriptionKey subscription, Duration duration) {
        }

        @Override
        public void published(SubscriptionKey subscription, int count, Duration duration) {
        }

        @Override
        public void lag(SubscriptionKey subscription, Duration lag) {
        }

        @Override
        public void failed(SubscriptionKey subscription, FeedFailure reason) {
        }

        @Override
        public void commitFailed(SubscriptionKey subscription) {
        }

        @Override
        public void resynced(SubscriptionKey subscription) {
        }

        @Override
        public void failing(SubscriptionKey subscription, boolean failing) {
        }
    };

    /** The lag of a page read at {@code readAt} whose newest row was modified at {@code newest}. */
    static Duration lagOf(Instant newest, Instant readAt) {
        if (newest == null) {
            return Duration.ZERO;
        }
        Duration lag = Duration.between(newest, readAt);
        return lag.isNegative() ? Duration.ZERO : lag;
    }
}
