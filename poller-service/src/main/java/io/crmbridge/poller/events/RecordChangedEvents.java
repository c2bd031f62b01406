package io.crmbridge.poller.events;

import io.crmbridge.events.ChangeSource;
import io.crmbridge.events.ChangeType;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.poller.capture.CapturedChange;

/** Captured changes as {@code RecordChanged} values of their table's change topic. */
final class RecordChangedEvents {

    private RecordChangedEvents() {
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
