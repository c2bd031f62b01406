package io.crmbridge.poller.events;

import java.util.Optional;

import io.crmbridge.events.PolledRecord;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.RecordIndex;

/** Record-index entries as {@code PolledRecord} values of {@code crm.poller-records} and back. */
final class IndexRecords {

    private IndexRecords() {
    }

    /** The value of an entry: null (a tombstone) for a deleted record. */
    static PolledRecord toRecord(SubscriptionKey subscription, RecordIndex.Entry entry) {
        if (entry.removed()) {
            return null;
        }
        return PolledRecord.newBuilder()
                .setConnectionId(subscription.connection().value())
                .setEntity(subscription.entity())
                .setRecordId(entry.recordId())
                .setEtag(entry.etag())
                .setVersion(entry.version())
                .build();
    }

    /** The entry a value holds; empty for a tombstone (or a value that is not a {@code PolledRecord}). */
    static Optional<RecordIndex.Entry> fromRecord(Object value) {
        return value instanceof PolledRecord polled
                ? Optional.of(new RecordIndex.Entry(polled.getRecordId(), polled.getEtag(), polled.getVersion()))
                : Optional.empty();
    }
}
