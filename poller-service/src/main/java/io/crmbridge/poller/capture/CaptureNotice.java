package io.crmbridge.poller.capture;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.schemas.ids.NameBasedUuid;

/**
 * Something that happened to the capture of one subscription, as it is published to {@code crm.capture-events}
 * ({@code CaptureEvent} without the Avro). Built by the named factories, one per kind; the fields a kind does not
 * use are null (or empty).
 *
 * @param eventId      unique; deterministic for the notices written with a page (a page written again after an
 *                     uncertain commit repeats its id), random for the others
 * @param reasonCode   Dataverse's status and code, or the failure kind
 * @param message      for people; never a token or a row's values
 * @param snapshotId   SNAPSHOT_*: the request's id ({@link #INITIAL_SYNC} for a subscription's first sync)
 * @param rows         SNAPSHOT_PROGRESS/COMPLETED: rows published so far; RESYNC_COMPLETED: records held after it
 * @param deletes      RESYNC_COMPLETED: records published as DELETED because the re-sync no longer found them
 * @param failingSince CAPTURE_FAILING/RECOVERED: the first failed poll of the episode
 */
public record CaptureNotice(String eventId, SubscriptionKey subscription, Type type, Instant occurredAt,
                            String reasonCode, String message, String snapshotId, Long rows, Long deletes,
                            Instant failingSince, List<String> columnsAdded, List<String> columnsRemoved) {

    /** The snapshot id of a subscription's initial sync. */
    public static final String INITIAL_SYNC = "initial";

    public enum Type {
        SUBSCRIPTION_STARTED, SUBSCRIPTION_STOPPED, SNAPSHOT_STARTED, SNAPSHOT_PROGRESS, SNAPSHOT_COMPLETED,
        RESYNC_REQUIRED, RESYNC_COMPLETED, CAPTURE_FAILING, CAPTURE_RECOVERED, SCHEMA_CHANGED
    }

    public CaptureNotice {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        columnsAdded = columnsAdded == null ? List.of() : List.copyOf(columnsAdded);
        columnsRemoved = columnsRemoved == null ? List.of() : List.copyOf(columnsRemoved);
    }

    static CaptureNotice started(SubscriptionKey key, Instant now, String message) {
        return simple(key, Type.SUBSCRIPTION_STARTED, now, null, message);
    }

    static CaptureNotice stopped(SubscriptionKey key, Instant now) {
        return simple(key, Type.SUBSCRIPTION_STOPPED, now, null,
                "removed: polling stopped, its checkpoint is kept (adding it again resumes)");
    }

    static CaptureNotice snapshot(SubscriptionKey key, Type type, Instant now, String snapshotId, long rows) {
        String id = NameBasedUuid.v5(EventIds.NAMESPACE, key + "/" + type + "/" + snapshotId + "/" + rows).toString();
        String message = switch (type) {
            case SNAPSHOT_STARTED -> "snapshot " + snapshotId + " started";
            case SNAPSHOT_COMPLETED -> "snapshot " + snapshotId + " completed: " + rows + " rows";
            default -> "snapshot " + snapshotId + ": " + rows + " rows so far";
        };
        return new CaptureNotice(id, key, type, now, null, message, snapshotId, rows, null, null, null, null);
    }

    static CaptureNotice resyncRequired(SubscriptionKey key, Instant now, String reasonCode, String detail) {
        return simple(key, Type.RESYNC_REQUIRED, now, reasonCode, "the delta token was refused (" + detail
                + "); re-syncing against the record index: changed rows and the deletions made meanwhile follow");
    }

    static CaptureNotice resyncCompleted(SubscriptionKey key, Instant now, Instant resyncStarted, long records,
                                         long deletes) {
        String id = NameBasedUuid.v5(EventIds.NAMESPACE, key + "/" + Type.RESYNC_COMPLETED + "/"
                + (resyncStarted == null ? "" : resyncStarted.toEpochMilli()) + "/" + records + "/" + deletes).toString();
        return new CaptureNotice(id, key, Type.RESYNC_COMPLETED, now, null, "re-sync completed: " + records
                + " records held, " + deletes + " deletions published", null, records, deletes, null, null, null);
    }

    static CaptureNotice failing(SubscriptionKey key, Instant now, String reasonCode, String detail, Instant since) {
        return new CaptureNotice(random(), key, Type.CAPTURE_FAILING, now, reasonCode, detail, null, null, null, since,
                null, null);
    }

    static CaptureNotice recovered(SubscriptionKey key, Instant now, Instant since) {
        return new CaptureNotice(random(), key, Type.CAPTURE_RECOVERED, now, null, "capturing again", null, null, null,
                since, null, null);
    }

    static CaptureNotice schemaChanged(SubscriptionKey key, Instant now, List<String> added, List<String> removed) {
        return new CaptureNotice(random(), key, Type.SCHEMA_CHANGED, now, null, "columns added " + added + ", removed "
                + removed, null, null, null, null, added, removed);
    }

    private static CaptureNotice simple(SubscriptionKey key, Type type, Instant now, String reasonCode,
                                        String message) {
        return new CaptureNotice(random(), key, type, now, reasonCode, message, null, null, null, null, null, null);
    }

    private static String random() {
        return UUID.randomUUID().toString();
    }
}
