package io.crmbridge.poller.events;

import io.crmbridge.events.ChangeSource;
import io.crmbridge.events.ChangeType;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.poller.capture.CapturedChange;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Captured changes as {@code RecordChanged} records on their table's change topic, keyed
 * {@code connectionId:recordId} so all changes of one row land on one partition, in order.
 */
final class RecordChangedEvents {

    private final ChangeTopics topics;

    RecordChangedEvents(ChangeTopics topics) {
        this.topics = topics;
    }

    ProducerRecord<String, Object> record(CapturedChange change) {
        String connection = change.subscription().connection().value();
        return new ProducerRecord<>(topics.of(change.subscription().entity()), connection + ":" + change.recordId(),
                event(change));
    }

    static RecordChanged event(CapturedChange change) {
        return RecordChanged.newBuilder()
                .setEventId(change.eventId())
                .setConnectionId(change.subscription().connection().value())
                .setEntity(change.subscription().entity())
                .setRecordId(change.recordId())
                .setChangeType(ChangeType.valueOf(change.kind().name()))
                .setChangedAt(change.changedAt())
                .setVersion(change.version())
                // The Dataverse client parsed the columns into AttributeValue members already; no copy needed.
                .setAttributes(change.attributes())
                .setFormattedValues(change.formattedValues())
                .setSource(ChangeSource.valueOf(change.source().name()))
                .setCapturedAt(change.capturedAt())
                .build();
    }
}
