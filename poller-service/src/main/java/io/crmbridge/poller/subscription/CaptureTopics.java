package io.crmbridge.poller.subscription;

/** The topics a subscription publishes to (port): made ready before a subscription added at runtime is stored. */
public interface CaptureTopics {

    /** Creates the topic {@code key} publishes to in {@code format} if it does not exist yet. */
    void prepare(SubscriptionKey key, ChangeFormat format);
}
