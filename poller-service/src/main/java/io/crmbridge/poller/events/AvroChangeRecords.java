package io.crmbridge.poller.events;

import java.util.Optional;

import io.crmbridge.events.PollCheckpoint;
import io.crmbridge.poller.capture.CapturedChange;
import io.crmbridge.poller.capture.CaptureNotice;
import io.crmbridge.schemas.registry.SchemaRegistry;
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

    private final TypedChangeEvents typed;

    /** TYPED schemas named under {@code schemaPrefix}; their subjects' compatibility set in {@code registry}. */
    public AvroChangeRecords(String schemaPrefix, SchemaRegistry registry) {
        this.typed = new TypedChangeEvents(schemaPrefix, registry);
    }

    /** For the GENERIC format (TYPED schemas under {@code crm}, subjects left as the registry has them). */
    public AvroChangeRecords() {
        this("crm", null);
    }

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
    public Keyed typed(CapturedChange change, String topic) {
        return typed.event(change, topic);
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
