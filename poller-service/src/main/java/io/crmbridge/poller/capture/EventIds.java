package io.crmbridge.poller.capture;

import java.util.UUID;

import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.schemas.ids.NameBasedUuid;

/**
 * Deterministic event ids: a name-based UUID (version 5, SHA-1, RFC 9562) of connection, table, row and the row's
 * ETag (opaque text, reference §1.5), so a change captured again carries the same id and consumers can drop it.
 * A SNAPSHOT and an UPDATED of the same row at the same ETag are the same change and share the id. Deletions have no
 * version in Dataverse's delta; their id is that of "the row was deleted" (a row id is never reused in practice).
 */
final class EventIds {

    /** The namespace of CRM Bridge change events (a fixed random UUID). */
    static final UUID NAMESPACE = UUID.fromString("6f1d7c1e-2b8a-4f5e-9c3d-0a7b5e4c2d19");

    private EventIds() {
    }

    public static String upserted(SubscriptionKey subscription, String recordId, String etag) {
        return nameUuid(subscription + "/" + recordId + "/" + etag).toString();
    }

    /**
     * A row read by a snapshot on demand: its own id per snapshot, as consumers asked for the row again (the same
     * row at the same ETag in another event must not be dropped as a repeat of it).
     */
    public static String snapshot(SubscriptionKey subscription, String recordId, String etag, String snapshotId) {
        return nameUuid(subscription + "/" + recordId + "/" + etag + "/snapshot/" + snapshotId).toString();
    }

    public static String deleted(SubscriptionKey subscription, String recordId) {
        return nameUuid(subscription + "/" + recordId + "/deleted").toString();
    }

    private static UUID nameUuid(String name) {
        return NameBasedUuid.v5(NAMESPACE, name);
    }
}
