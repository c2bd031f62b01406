package io.crmbridge.poller.capture;

import io.crmbridge.poller.subscription.ChangeFormat;
import io.crmbridge.poller.subscription.SubscriptionKey;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.crmbridge.poller.subscription.CaptureTopics;
import io.crmbridge.schemas.topics.TopicCreation;

/** Creates a table's change topic (named by {@link ChangeTopics}) when a subscription to it is added at runtime. */
final class KafkaCaptureTopics implements CaptureTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> admin;
    private final ChangeTopics changeTopics;

    KafkaCaptureTopics(Map<String, Object> admin, ChangeTopics changeTopics) {
        this.admin = admin;
        this.changeTopics = changeTopics;
    }

    @Override
    public void prepare(SubscriptionKey key, ChangeFormat format) {
        TopicCreation.ensure(admin, List.of(changeTopics.spec(key, format)), TIMEOUT);
    }
}
