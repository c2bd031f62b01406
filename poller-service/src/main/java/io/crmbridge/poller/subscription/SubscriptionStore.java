package io.crmbridge.poller.subscription;

/** Where subscriptions are written (port; the compacted {@code crm.subscriptions} topic). */
public interface SubscriptionStore {

    /**
     * Writes {@code spec}; returns once it is stored (acknowledged by every in-sync replica) and this instance's
     * catalogue holds it.
     */
    void write(SubscriptionSpec spec);

    /**
     * Removes the subscription (a tombstone saying who removed it: {@code removedBy}, null for the admin API);
     * returns once that is stored and this instance's catalogue shows it.
     */
    void remove(SubscriptionKey key, String removedBy);
}
