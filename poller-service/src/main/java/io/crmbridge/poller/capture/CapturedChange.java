package io.crmbridge.poller.capture;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.ChangeKind;
import io.crmbridge.poller.tracking.FeedRow;

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

    /** A row created, updated or read by a sync ({@code kind}), as the feed returned it. */
    static CapturedChange upserted(Subscription subscription, FeedRow.Upserted row, ChangeKind kind,
                                   Instant capturedAt) {
        return new CapturedChange(EventIds.upserted(subscription.key(), row.id(), row.etag()), subscription.key(),
                row.id(), kind, row.modifiedOn(), row.version(), row.attributes(), row.formattedValues(),
                subscription.strategy(), capturedAt);
    }

    /** A row read by the snapshot on demand {@code snapshotId}: an event of its own, apart from the row's changes. */
    static CapturedChange snapshot(Subscription subscription, FeedRow.Upserted row, String snapshotId,
                                   Instant capturedAt) {
        return new CapturedChange(EventIds.snapshot(subscription.key(), row.id(), row.etag(), snapshotId),
                subscription.key(), row.id(), ChangeKind.SNAPSHOT, row.modifiedOn(), row.version(), row.attributes(),
                row.formattedValues(), subscription.strategy(), capturedAt);
    }

    /** A deleted row: no modifiedon, version, columns or formatted values. */
    static CapturedChange deleted(Subscription subscription, String recordId, Instant capturedAt) {
        return new CapturedChange(EventIds.deleted(subscription.key(), recordId), subscription.key(), recordId,
                ChangeKind.DELETED, null, null, Map.of(), Map.of(), subscription.strategy(), capturedAt);
    }
}
