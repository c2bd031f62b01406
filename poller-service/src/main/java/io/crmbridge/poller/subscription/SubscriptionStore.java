package io.crmbridge.poller.subscription;

/** Where subscriptions are written (port; the compacted {@code crm.subscriptions} topic). */
public interface SubscriptionStore {

    /** Writes {@code spec}; returns once it is stored (acknowledged by every in-sync replica). */
    void write(SubscriptionSpec spec);

    /** Removes the subscription (a tombstone); returns once that is stored. */
    void remove(SubscriptionKey key);
}
