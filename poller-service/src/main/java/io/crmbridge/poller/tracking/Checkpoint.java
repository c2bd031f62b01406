package io.crmbridge.poller.tracking;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import io.crmbridge.poller.subscription.Strategy;

/**
 * Where a subscription stands: the value committed to {@code crm.poller-checkpoints} in the same Kafka
 * transaction as the events it covers, plus what the running instance knows about the sync in progress.
 *
 * @param strategy     which strategy wrote it
 * @param deltaLink    CHANGE_TRACKING: the delta link to poll next; during a multi-page delta, the one it started from
 * @param nextLink     the next page of a sync or delta in progress
 * @param watermark    MODIFIED_ON: newest modifiedon published and the ids published at it
 * @param maxVersion   every row whose version is at or below it has been published at that version (or, with
 *                     start NOW, deliberately skipped); while a full sync runs, the value it started with
 * @param aheadOfDelta CHANGE_TRACKING: rows (id → version) a full sync published at versions above its delta
 *                     token because they changed while it paged; the first delta returns them again and skips them
 * @param syncedAt     when the previous complete sync (delta or full) started; rows created after it are CREATED
 * @param updatedAt    when this checkpoint was written
 * @param inProgress   what the running instance knows of the sync in progress; never persisted, null after a restore
 */
public record Checkpoint(Strategy strategy, DeltaLink deltaLink, PageLink nextLink, Watermark watermark,
                         Long maxVersion, Map<String, Long> aheadOfDelta, Instant syncedAt, Instant updatedAt,
                         InProgress inProgress) {

    public Checkpoint {
        Objects.requireNonNull(strategy, "strategy");
        aheadOfDelta = aheadOfDelta == null ? Map.of() : Map.copyOf(aheadOfDelta);
    }

    /**
     * The full sync in progress, as far as this instance has seen it.
     *
     * @param startedAt     when its first request was sent
     * @param firstPageMax  highest row version of the first page this instance read (at or below the version the
     *                      sync stands at: that page was read when the sync's position was taken)
     */
    public record InProgress(Instant startedAt, Long firstPageMax) {
    }

    /** A checkpoint as restored from storage, or written by another instance: no in-progress knowledge. */
    public static Checkpoint persisted(Strategy strategy, DeltaLink deltaLink, PageLink nextLink, Watermark watermark,
                                       Long maxVersion, Map<String, Long> aheadOfDelta, Instant syncedAt,
                                       Instant updatedAt) {
        return new Checkpoint(strategy, deltaLink, nextLink, watermark, maxVersion, aheadOfDelta, syncedAt, updatedAt,
                null);
    }

    /**
     * A checkpoint as it comes back from storage, which keeps no separate start time of the previous sync: the
     * time it was written stands in for it (later than the truth, so a row created in between is reported UPDATED
     * rather than CREATED twice). A change-tracking checkpoint in the middle of a first sync (no delta link, no
     * version yet) has no previous sync at all.
     */
    public static Checkpoint restored(Strategy strategy, DeltaLink deltaLink, PageLink nextLink, Watermark watermark,
                                      Long maxVersion, Map<String, Long> aheadOfDelta, Instant updatedAt) {
        boolean firstSync = strategy == Strategy.CHANGE_TRACKING && deltaLink == null && maxVersion == null;
        return persisted(strategy, deltaLink, nextLink, watermark, maxVersion, aheadOfDelta,
                firstSync ? null : updatedAt, updatedAt);
    }

    /** A subscription that has not started: no position at all. */
    public static Checkpoint none(Strategy strategy) {
        return persisted(strategy, null, null, null, null, Map.of(), null, null);
    }

    /** Whether a complete sync has ever finished (so rows are classified CREATED/UPDATED, not SNAPSHOT). */
    public boolean hasSynced() {
        return syncedAt != null;
    }

    /** The same position, the previous complete sync having started at {@code instant}. */
    public Checkpoint withSyncedAt(Instant instant) {
        return new Checkpoint(strategy, deltaLink, nextLink, watermark, maxVersion, aheadOfDelta, instant, updatedAt,
                inProgress);
    }

    /** The delta token expired: forget the links, keep maxVersion (rows at or below it are not published again). */
    public Checkpoint forResync() {
        return new Checkpoint(strategy, null, null, watermark, maxVersion, Map.of(), syncedAt, updatedAt, null);
    }

    /** A checkpoint written by the other strategy: start this one over, skipping what was published. */
    public Checkpoint switchedTo(Strategy newStrategy) {
        return new Checkpoint(newStrategy, null, null, null, maxVersion, Map.of(), syncedAt, updatedAt, null);
    }

    static Long max(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }
}
