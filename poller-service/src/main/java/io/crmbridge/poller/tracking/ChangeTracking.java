package io.crmbridge.poller.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.crmbridge.poller.subscription.StartPosition;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dataverse change tracking: a full sync with {@code Prefer: odata.track-changes} (pages via nextLink), then the
 * delta link each interval. Rows of a first full sync are SNAPSHOT; a re-sync (expired delta token) skips rows at
 * or below {@code maxVersion} and so publishes only what changed meanwhile.
 *
 * <p>{@code maxVersion} keeps one promise: every row whose version is at or below it has been published at that
 * version. Delta pages come in version order, so their running maximum keeps it. Full-sync pages come in
 * primary-key order while writes go on, so a row read late may carry a version above that of a row changed after
 * it was read; a full sync therefore ends with the version its delta token stands at (when readable) or else the
 * highest version of its first page, both at or below the version the sync started from. The rows it published
 * above that come again in the first delta: the checkpoint carries them ({@code aheadOfDelta}) so they are skipped.
 */
public final class ChangeTracking implements Tracking {

    private static final Logger log = LoggerFactory.getLogger(ChangeTracking.class);
    /** Beyond this many rows ahead of the delta (a first page with unusually low versions) some may repeat. */
    static final int MAX_AHEAD = 10_000;

    private final Subscription subscription;
    private final NewRows newRows = new NewRows();

    ChangeTracking(Subscription subscription) {
        this.subscription = subscription;
    }

    @Override
    public Checkpoint restore(Checkpoint restored, Instant now) {
        newRows.forget();
        if (restored == null) {
            return Checkpoint.none(Strategy.CHANGE_TRACKING);
        }
        return restored.strategy() == Strategy.CHANGE_TRACKING ? restored
                : restored.switchedTo(Strategy.CHANGE_TRACKING);
    }

    @Override
    public boolean endsWithDeltaLink() {
        return true;
    }

    @Override
    public FeedRequest next(Checkpoint at) {
        if (at.nextLink() != null) {
            return new FeedRequest.NextPage(at.nextLink());
        }
        return at.deltaLink() != null ? new FeedRequest.Delta(at.deltaLink()) : new FeedRequest.FullSync();
    }

    @Override
    public Step apply(Checkpoint at, FeedRequest request, FeedResult.Page page, Instant sentAt, Instant receivedAt) {
        boolean fullSync = request instanceof FeedRequest.FullSync
                || (request instanceof FeedRequest.NextPage && at.deltaLink() == null);
        // A first sync from NOW reads every row only to reach a delta link; nothing of it is published.
        boolean publishing = !(fullSync && !at.hasSynced() && subscription.start() == StartPosition.NOW);
        Instant started = Tracking.syncStart(at, request, sentAt);
        Long pageMax = null;
        Instant newest = null;
        List<Change> changes = new ArrayList<>(page.rows().size());
        for (FeedRow row : page.rows()) {
            if (row instanceof FeedRow.Upserted upserted) {
                newest = Tracking.later(newest, upserted.modifiedOn());
                pageMax = Checkpoint.max(pageMax, upserted.version());
                if (skipped(at, upserted, fullSync)) {
                    continue;
                }
                if (publishing) {
                    changes.add(new Change(upserted, kind(at, fullSync, upserted)));
                    newRows.published(upserted);
                }
            } else if (publishing) {
                changes.add(new Change(row, ChangeKind.DELETED));
            }
        }
        Checkpoint next = fullSync ? afterFullSyncPage(at, request, page, changes, pageMax, started, receivedAt)
                : afterDeltaPage(at, page, pageMax, started, receivedAt);
        return new Step(changes, next, page.next().isPresent(), newest);
    }

    private static boolean skipped(Checkpoint at, FeedRow.Upserted row, boolean fullSync) {
        if (at.maxVersion() != null && row.version() <= at.maxVersion()) {
            return true; // published before: a re-sync, or a delta restarted after some of its pages
        }
        Long ahead = fullSync ? null : at.aheadOfDelta().get(row.id());
        return ahead != null && ahead == row.version();
    }

    private ChangeKind kind(Checkpoint at, boolean fullSync, FeedRow.Upserted row) {
        return fullSync && !at.hasSynced() ? ChangeKind.SNAPSHOT : newRows.kindOf(row, at.syncedAt());
    }

    private Checkpoint afterFullSyncPage(Checkpoint at, FeedRequest request, FeedResult.Page page,
                                         List<Change> changes, Long pageMax, Instant started, Instant receivedAt) {
        // Only the sync's first page bounds the version the sync stands at; continued after a restart, that bound
        // is unknown and every row it publishes counts as ahead (the first delta skips them at the same version).
        Long firstPageMax = request instanceof FeedRequest.FullSync ? pageMax
                : at.inProgress() == null ? null : at.inProgress().firstPageMax();
        Map<String, Long> ahead = new HashMap<>(at.nextLink() == null ? Map.of() : at.aheadOfDelta());
        for (Change change : changes) {
            long version = ((FeedRow.Upserted) change.row()).version();
            if ((firstPageMax == null || version > firstPageMax) && ahead.size() < MAX_AHEAD) {
                ahead.put(change.row().id(), version);
            }
        }
        if (page.next().isPresent()) {
            return new Checkpoint(Strategy.CHANGE_TRACKING, null, page.next().get(), null, at.maxVersion(), ahead,
                    at.syncedAt(), receivedAt, new Checkpoint.InProgress(started, firstPageMax));
        }
        DeltaLink delta = lastDeltaLink(page);
        OptionalLong token = delta.tokenVersion();
        Long covered = token.isPresent() ? Long.valueOf(token.getAsLong()) : firstPageMax;
        if (covered != null) {
            ahead.values().removeIf(version -> version <= covered);
        }
        if (ahead.size() >= MAX_AHEAD) {
            log.warn("{}: more than {} rows changed while the full sync paged; some may be published again by the "
                    + "next delta (same event ids)", subscription.key(), MAX_AHEAD);
        }
        newRows.completed(started);
        return new Checkpoint(Strategy.CHANGE_TRACKING, delta, null, null, Checkpoint.max(at.maxVersion(), covered),
                ahead, started, receivedAt, null);
    }

    private Checkpoint afterDeltaPage(Checkpoint at, FeedResult.Page page, Long pageMax, Instant started,
                                      Instant receivedAt) {
        Long max = Checkpoint.max(at.maxVersion(), pageMax);
        if (page.next().isPresent()) {
            return new Checkpoint(Strategy.CHANGE_TRACKING, at.deltaLink(), page.next().get(), null, max,
                    at.aheadOfDelta(), at.syncedAt(), receivedAt, new Checkpoint.InProgress(started, null));
        }
        newRows.completed(started);
        // The first complete delta has returned every row the full sync published ahead of it.
        return new Checkpoint(Strategy.CHANGE_TRACKING, lastDeltaLink(page), null, null, max, Map.of(), started,
                receivedAt, null);
    }

    private static DeltaLink lastDeltaLink(FeedResult.Page page) {
        return page.delta().orElseThrow(() -> new IllegalStateException("a last page without a delta link"));
    }
}
