package io.crmbridge.poller.capture;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.ChangeKind;

/**
 * One change as it is published ({@code RecordChanged} without the Avro).
 *
 * @param eventId         deterministic: the same change captured twice has the same id ({@link EventIds})
 * @param subscription    connection and table
 * @param recordId        primary key of the row
 * @param kind            what happened
 * @param changedAt       the row's modifiedon; null for deletes
 * @param version         the row's versionnumber, as data; null for deletes or when not known
 * @param attributes      typed column values, as the Dataverse client parsed them; empty for deletes
 * @param formattedValues formatted values; empty for deletes
 * @param source          the strategy that captured it
 * @param capturedAt      when the page was read
 */
public record CapturedChange(String eventId, SubscriptionKey subscription, String recordId, ChangeKind kind,
                             Instant changedAt, Long version, Map<String, Object> attributes,
                             Map<String, String> formattedValues, Strategy source, Instant capturedAt) {

    public CapturedChange {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(formattedValues, "formattedValues");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(capturedAt, "capturedAt");
    }
}
