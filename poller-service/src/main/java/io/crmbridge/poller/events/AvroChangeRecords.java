package io.crmbridge.poller.events;

import java.util.Optional;

import io.crmbridge.events.PollCheckpoint;
import io.crmbridge.poller.capture.CapturedChange;
import io.crmbridge.poller.capture.CaptureNotice;
import io.crmbridge.poller.capture.ChangeRecords;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.Checkpoint;
import io.crmbridge.poller.tracking.RecordIndex;

/**
 * The change log's values as the generated Avro classes: {@code RecordChanged}, {@code PollCheckpoint},
 * {@code PolledRecord} and {@code CaptureEvent}. Public for the change log's integration test, which runs it against
 * a real broker.
 */
public final class AvroChangeRecords implements ChangeRecords {

    @Override
    public Object changed(CapturedChange change) {
        return RecordChangedEvents.event(change);
    }

    @Override
    public Object checkpoint(SubscriptionKey subscription, Checkpoint checkpoint) {
        return CheckpointRecords.toRecord(subscription, checkpoint);
    }

    @Override
    public Checkpoint checkpointOf(Object value) {
        return CheckpointRecords.fromRecord((PollCheckpoint) value);
    }

    @Override
    public Keyed typed(CapturedChange change) {
        throw new UnsupportedOperationException("the TYPED format is not available yet");
    }

    @Override
    public Object notice(CaptureNotice notice) {
        return CaptureEvents.event(notice);
    }

    @Override
    public Object indexed(SubscriptionKey subscription, RecordIndex.Entry entry) {
        return IndexRecords.toRecord(subscription, entry);
    }

    @Override
    public Optional<RecordIndex.Entry> indexedOf(Object value) {
        return IndexRecords.fromRecord(value);
    }
}
