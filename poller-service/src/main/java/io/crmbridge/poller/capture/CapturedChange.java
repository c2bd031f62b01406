package io.crmbridge.poller.capture;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.crmbridge.poller.subscription.ChangeFormat;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.ChangeKind;
import io.crmbridge.poller.tracking.FeedRow;
import io.crmbridge.poller.tracking.FeedTable;

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
 * @param format          the shape it is published in
 * @param table           TYPED: the table it was read from (its schema is built from it); null for GENERIC
 * @param columns         TYPED: the subscription's columns (empty: every column)
 * @param labels          TYPED: whether formatted values (labels, lookup names) are read
 */
public record CapturedChange(String eventId, SubscriptionKey subscription, String recordId, ChangeKind kind,
                             Instant changedAt, Long version, Map<String, Object> attributes,
                             Map<String, String> formattedValues, Strategy source, Instant capturedAt,
                             ChangeFormat format, FeedTable table, List<String> columns, boolean labels) {

    public CapturedChange {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(formattedValues, "formattedValues");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(capturedAt, "capturedAt");
        format = format == null ? ChangeFormat.GENERIC : format;
        columns = columns == null ? List.of() : List.copyOf(columns);
        if (format == ChangeFormat.TYPED && table == null) {
            throw new IllegalArgumentException("a TYPED change needs the table it was read from: " + eventId);
        }
    }

    /** A GENERIC change. */
    public CapturedChange(String eventId, SubscriptionKey subscription, String recordId, ChangeKind kind,
                          Instant changedAt, Long version, Map<String, Object> attributes,
                          Map<String, String> formattedValues, Strategy source, Instant capturedAt) {
        this(eventId, subscription, recordId, kind, changedAt, version, attributes, formattedValues, source,
                capturedAt, ChangeFormat.GENERIC, null, List.of(), false);
    }

    /** This change as {@code subscription} publishes it: in its format, with the table it was read from. */
    CapturedChange publishedBy(Subscription subscription, FeedTable read) {
        if (subscription.format() == ChangeFormat.GENERIC) {
            return this;
        }
        return new CapturedChange(eventId, this.subscription, recordId, kind, changedAt, version, attributes,
                formattedValues, source, capturedAt, subscription.format(), read, subscription.columns(),
                subscription.formattedValues());
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
