package io.crmbridge.poller.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.crmbridge.crm.record.DeltaLink;
import io.crmbridge.poller.subscription.SnapshotRequest;
import io.crmbridge.poller.subscription.StartPosition;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.Subscription;

/**
 * Where a subscription stands: the value committed to {@code crm.poller-checkpoints} in the same Kafka
 * transaction as the events it covers and the {@link RecordIndex} entries that account for them. It holds links
 * and a time only: nothing in it is compared with row versions.
 *
 * @param strategy  which strategy wrote it
 * @param deltaLink CHANGE_TRACKING: the delta link to poll next; during a multi-page delta, the one it started from
 * @param nextLink  the next page of a sync or delta in progress
 * @param watermark MODIFIED_ON: the newest modifiedon read; the next cycle reads from it minus the overlap
 * @param synced    a complete sync has finished: rows not indexed are CREATED (not SNAPSHOT), and a full sync is a
 *                  re-sync, which ends by publishing the indexed records it did not return as DELETED
 * @param updatedAt when this checkpoint was written; null before the first
 * @param generation the generation of the subscription it was written for: a subscription reset since (a higher
 *                   generation) does not resume from it
 * @param columns    the subscription's columns when it was written (empty: every column); null when unknown. A delta
 *                   link repeats the {@code $select} of the sync that issued it, so other columns need a re-sync
 * @param snapshot   the latest snapshot on demand, in progress or completed; null when none ran. It goes on beside
 *                   the delta link or watermark, which it never changes
 */
public record Checkpoint(Strategy strategy, DeltaLink deltaLink, PageLink nextLink, Instant watermark,
                         boolean synced, Instant updatedAt, int generation, List<String> columns,
                         SnapshotProgress snapshot) {

    public Checkpoint {
        Objects.requireNonNull(strategy, "strategy");
        columns = columns == null ? null : List.copyOf(columns);
    }

    /** A checkpoint without a snapshot on demand. */
    public Checkpoint(Strategy strategy, DeltaLink deltaLink, PageLink nextLink, Instant watermark, boolean synced,
                      Instant updatedAt, int generation, List<String> columns) {
        this(strategy, deltaLink, nextLink, watermark, synced, updatedAt, generation, columns, null);
    }

    /** A checkpoint of the first generation, its columns unknown. */
    public Checkpoint(Strategy strategy, DeltaLink deltaLink, PageLink nextLink, Instant watermark, boolean synced,
                      Instant updatedAt) {
        this(strategy, deltaLink, nextLink, watermark, synced, updatedAt, 0, null);
    }

    /** This position, as written for {@code subscription} (its generation and columns). */
    public Checkpoint writtenFor(Subscription subscription) {
        return new Checkpoint(strategy, deltaLink, nextLink, watermark, synced, updatedAt, subscription.generation(),
                subscription.columns(), snapshot);
    }

    /** This position with {@code progress} as its snapshot on demand. */
    public Checkpoint withSnapshot(SnapshotProgress progress) {
        return new Checkpoint(strategy, deltaLink, nextLink, watermark, synced, updatedAt, generation, columns,
                progress);
    }

    /**
     * The position once {@code subscription}'s snapshot request is taken into account: a request whose id this
     * checkpoint has not run yet starts (or, when the subscription is about to begin with an initial sync that
     * publishes every row as SNAPSHOT anyway, counts as done); one it ran or runs changes nothing.
     */
    public Checkpoint requested(Subscription subscription, Instant now) {
        SnapshotRequest request = subscription.snapshot();
        if (request == null || (snapshot != null && snapshot.id().equals(request.id()))) {
            return this;
        }
        boolean initialSync = inFullSync() && !synced && subscription.start() == StartPosition.SNAPSHOT
                || strategy == Strategy.MODIFIED_ON && !synced && watermark == null
                && subscription.start() == StartPosition.SNAPSHOT;
        return withSnapshot(initialSync ? SnapshotProgress.coveredByInitialSync(request.id(), now)
                : SnapshotProgress.started(request.id(), now));
    }

    /** Whether a snapshot on demand still has pages to read. */
    public boolean snapshotting() {
        return snapshot != null && !snapshot.completed();
    }

    /**
     * Whether the subscription's own read is between polls (not in the middle of a sync, a delta or a cycle): a
     * snapshot page may be read now without reordering anything the read has yet to publish.
     */
    public boolean betweenPolls() {
        return nextLink == null && !inFullSync() && synced;
    }

    /**
     * What {@code subscription} resumes from: nothing when it was reset since (it starts over); a re-sync when its
     * change-tracking columns changed (the delta link would return the old ones); otherwise this.
     */
    public Checkpoint resumedBy(Subscription subscription) {
        if (generation < subscription.generation()) {
            return null;
        }
        if (strategy == Strategy.CHANGE_TRACKING && columns != null && !columns.equals(subscription.columns())
                && (deltaLink != null || nextLink != null)) {
            return forResync();
        }
        return this;
    }

    /** A subscription that has not started: no position at all. */
    public static Checkpoint none(Strategy strategy) {
        return new Checkpoint(strategy, null, null, null, false, null);
    }

    /** A full sync from the start that reconciles with the record index: after an expired token, a switch, a reset. */
    public static Checkpoint resync(Strategy strategy, Instant updatedAt) {
        return new Checkpoint(strategy, null, null, null, true, updatedAt);
    }

    /**
     * Change tracking between pages: the sync or delta that started from {@code startedFrom} (null for a full sync)
     * continues at {@code next}.
     */
    static Checkpoint changeTrackingPage(DeltaLink startedFrom, PageLink next, boolean synced, Instant updatedAt) {
        return new Checkpoint(Strategy.CHANGE_TRACKING, startedFrom, next, null, synced, updatedAt);
    }

    /** Change tracking caught up: the next poll reads {@code deltaLink}, which only a completed sync returns. */
    static Checkpoint caughtUp(DeltaLink deltaLink, Instant updatedAt) {
        return new Checkpoint(Strategy.CHANGE_TRACKING, deltaLink, null, null, true, updatedAt);
    }

    /** modifiedon polling has read up to {@code watermark}; {@code next} is the cycle's next page, null at its end. */
    static Checkpoint modifiedOnPage(Instant watermark, PageLink next, boolean synced, Instant updatedAt) {
        return new Checkpoint(Strategy.MODIFIED_ON, null, next, watermark, synced, updatedAt);
    }

    /** The delta token expired: forget the links and read everything again (a re-sync). */
    public Checkpoint forResync() {
        return new Checkpoint(strategy, null, null, null, true, updatedAt, generation, columns, snapshot);
    }

    /** Whether a change-tracking full sync (initial sync or re-sync) is under way or due. */
    public boolean inFullSync() {
        return strategy == Strategy.CHANGE_TRACKING && deltaLink == null;
    }
}
