package io.crmbridge.poller.tracking;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * The CREATED/UPDATED rule of one subscription: a row is CREATED when it was created after the previous sync
 * started, UPDATED when before. Dataverse gives {@code createdon} to the second, and a sync also returns rows
 * created in the moment between sending its request and the server reading, so rows created in or after the
 * second the previous sync started are CREATED unless this instance already published them. It remembers the
 * rows it published that were created from that second on (a handful: those of the last second or so).
 * Without that memory (after a restart, when the previous sync's start is only approximated by its checkpoint's
 * write time, which is later) a row of that very second is UPDATED: never CREATED twice. Not thread-safe (one
 * worker per subscription).
 */
final class NewRows {

    private Instant boundary;
    private boolean remembering;
    private final Map<String, Instant> publishedCreatedFrom = new HashMap<>();

    /** What happened to {@code row}, given when the previous complete sync started. */
    ChangeKind kindOf(FeedRow.Upserted row, Instant previousSync) {
        if (row.createdOn() == null || previousSync == null) {
            return ChangeKind.UPDATED;
        }
        Instant created = second(row.createdOn());
        Instant previous = second(previousSync);
        if (created.isBefore(previous)) {
            return ChangeKind.UPDATED;
        }
        if (remembering && previous.equals(boundary)) {
            return publishedCreatedFrom.containsKey(row.id()) ? ChangeKind.UPDATED : ChangeKind.CREATED;
        }
        return created.equals(previous) ? ChangeKind.UPDATED : ChangeKind.CREATED;
    }

    /** {@code row} is being published. */
    void published(FeedRow.Upserted row) {
        if (row.createdOn() != null) {
            publishedCreatedFrom.put(row.id(), second(row.createdOn()));
        }
    }

    /** The sync that started at {@code syncStart} is complete: it is the previous sync from now on. */
    void completed(Instant syncStart) {
        boundary = second(syncStart);
        remembering = true;
        publishedCreatedFrom.values().removeIf(created -> created.isBefore(boundary));
    }

    /** The checkpoint was reloaded: what this instance remembered no longer applies. */
    void forget() {
        boundary = null;
        remembering = false;
        publishedCreatedFrom.clear();
    }

    private static Instant second(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
