package io.crmbridge.poller.capture;

import java.time.Duration;
import java.util.List;

import io.crmbridge.poller.subscription.StartPosition;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.poller.subscription.SubscriptionKey;

/** Subscriptions for tests. */
public final class SubscriptionFixture {

    public static final SubscriptionKey ACCOUNTS = SubscriptionKey.of("contoso", "account");

    private SubscriptionFixture() {
    }

    public static Subscription accounts(int pageSize) {
        return subscription(Strategy.CHANGE_TRACKING, StartPosition.SNAPSHOT, pageSize);
    }

    public static Subscription subscription(Strategy strategy, StartPosition start, int pageSize) {
        return new Subscription(ACCOUNTS, "accounts", List.of("name"), strategy, Duration.ofSeconds(1), Duration.ofSeconds(1), pageSize,
                start, false);
    }
}
