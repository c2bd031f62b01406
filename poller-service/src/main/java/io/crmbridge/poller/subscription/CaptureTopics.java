package io.crmbridge.poller.subscription;

/** The topics a subscription publishes to (port): made ready before a subscription added at runtime is stored. */
public interface CaptureTopics {

    /** Creates the change topic of {@code table} if it does not exist yet. */
    void prepare(String table);
}
