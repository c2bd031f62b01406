package io.crmbridge.poller.capture;

import java.util.Optional;

import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.Checkpoint;
import io.crmbridge.poller.tracking.RecordIndex;

/**
 * The values the change log writes and reads back, in the published contracts (port): a captured change as a
 * {@code RecordChanged}, a checkpoint as a {@code PollCheckpoint}, a record-index entry as a {@code PolledRecord},
 * a capture notice as a {@code CaptureEvent}.
 * The values are opaque here (the change log's producer serializes them with the schema registry), so capture never
 * sees a generated class; the mapping lives in {@code events}. Topics, keys and partitions are the change log's.
 */
public interface ChangeRecords {

    /** The value of {@code change} on its table's change topic. */
    Object changed(CapturedChange change);

    /** A TYPED change's key (the table's primary key as a record) and value (Debezium's envelope). */
    record Keyed(Object key, Object value) {
    }

    /**
     * {@code change} (TYPED) on its connection's and table's {@code topic}.
     *
     * @throws RuntimeException naming the column when a value does not fit the column's type as the table's
     *                          metadata states it (nothing of the page is then written)
     */
    Keyed typed(CapturedChange change, String topic);

    /** The value of {@code checkpoint} on {@code crm.poller-checkpoints}. */
    Object checkpoint(SubscriptionKey subscription, Checkpoint checkpoint);

    /** The checkpoint a (non-null) value of {@code crm.poller-checkpoints} holds. */
    Checkpoint checkpointOf(Object value);

    /** The value of {@code entry} on {@code crm.poller-records}: null (a tombstone) for a removed record. */
    Object indexed(SubscriptionKey subscription, RecordIndex.Entry entry);

    /** The value of {@code notice} on {@code crm.capture-events}. */
    Object notice(CaptureNotice notice);

    /** The entry a value of {@code crm.poller-records} holds; empty for a tombstone. */
    Optional<RecordIndex.Entry> indexedOf(Object value);
}
