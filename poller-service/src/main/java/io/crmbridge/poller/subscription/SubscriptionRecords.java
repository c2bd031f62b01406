package io.crmbridge.poller.subscription;

/**
 * Subscriptions as values of {@code crm.subscriptions}, in the published {@code SubscriptionDefinition} contract
 * (port): opaque here, serialized by the topic's producer with the schema registry; the mapping lives in
 * {@code events}.
 */
public interface SubscriptionRecords {

    Object definition(SubscriptionSpec spec);

    /** The subscription a (non-null) value of {@code crm.subscriptions} defines. */
    SubscriptionSpec specOf(Object value);

    /** The request a (non-null) value of {@code crm.capture-signals} makes. */
    CaptureSignalRequest signalOf(Object value);
}
