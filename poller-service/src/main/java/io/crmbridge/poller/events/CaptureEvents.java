package io.crmbridge.poller.events;

import java.lang.management.ManagementFactory;

import io.crmbridge.events.CaptureEvent;
import io.crmbridge.events.CaptureEventType;
import io.crmbridge.poller.capture.CaptureNotice;

/** Capture notices as {@code CaptureEvent}s, naming this instance ({@code pid@host}) as their publisher. */
final class CaptureEvents {

    private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    private CaptureEvents() {
    }

    static CaptureEvent event(CaptureNotice notice) {
        return CaptureEvent.newBuilder()
                .setEventId(notice.eventId())
                .setConnectionId(notice.subscription().connection().value())
                .setTable(notice.subscription().entity())
                .setType(CaptureEventType.valueOf(notice.type().name()))
                .setOccurredAt(notice.occurredAt())
                .setInstance(INSTANCE)
                .setReasonCode(notice.reasonCode())
                .setMessage(notice.message())
                .setSnapshotId(notice.snapshotId())
                .setRows(notice.rows())
                .setDeletes(notice.deletes())
                .setFailingSince(notice.failingSince())
                .setColumnsAdded(notice.columnsAdded())
                .setColumnsRemoved(notice.columnsRemoved())
                .build();
    }
}
