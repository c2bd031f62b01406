package io.crmbridge.poller.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.crmbridge.poller.subscription.StartPosition;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.Subscription;

/**
 * For tables without change tracking: each cycle reads the rows with {@code modifiedon} at or after the watermark
 * minus an overlap window, ordered by modifiedon then primary key, through every page. The overlap re-reads rows
 * whose transaction committed after later rows were read; re-read rows are de-duplicated on (id, version).
 * Deletes are not visible to this strategy.
 *
 * <p>De-duplication memory: rows published by this instance within the window are remembered. Rows older than the
 * watermark this instance restored are judged by the checkpoint instead: published when their version is at or
 * below {@code maxVersion} (or, at the watermark itself, when their id is in the watermark's ids).
 */
public final class ModifiedOnPolling implements Tracking {

    private final Subscription subscription;
    private final Duration overlap;
    private final RecentRows recent = new RecentRows();
    private final NewRows newRows = new NewRows();
    private Instant restoredAt;
    private Set<String> restoredIds = Set.of();
    private Long restoredMaxVersion;

    ModifiedOnPolling(Subscription subscription, Duration overlap) {
        this.subscription = subscription;
        this.overlap = overlap;
    }

    @Override
    public Checkpoint restore(Checkpoint restored, Instant now) {
        recent.clear();
        newRows.forget();
        Checkpoint start = restored == null ? Checkpoint.none(Strategy.MODIFIED_ON)
                : restored.strategy() == Strategy.MODIFIED_ON ? restored : restored.switchedTo(Strategy.MODIFIED_ON);
        if (start.watermark() == null && !start.hasSynced() && subscription.start() == StartPosition.NOW) {
            // From now: every row modified before this instant counts as published; rows created after it are new.
            start = Checkpoint.persisted(Strategy.MODIFIED_ON, null, null, new Watermark(now, Set.of()), null,
                    Map.of(), now, null);
        }
        restoredAt = start.watermark() == null ? null : start.watermark().modifiedOn();
        restoredIds = start.watermark() == null ? Set.of() : start.watermark().ids();
        restoredMaxVersion = start.maxVersion();
        return start;
    }

    @Override
    public boolean endsWithDeltaLink() {
        return false;
    }

    @Override
    public FeedRequest next(Checkpoint at) {
        if (at.nextLink() != null) {
            return new FeedRequest.NextPage(at.nextLink());
        }
        return new FeedRequest.ModifiedSince(at.watermark() == null ? null : at.watermark().modifiedOn().minus(overlap));
    }

    @Override
    public Step apply(Checkpoint at, FeedRequest request, FeedResult.Page page, Instant sentAt, Instant receivedAt) {
        boolean snapshot = !at.hasSynced() && subscription.start() == StartPosition.SNAPSHOT;
        Instant mark = at.watermark() == null ? null : at.watermark().modifiedOn();
        Set<String> markIds = at.watermark() == null ? new HashSet<>() : new HashSet<>(at.watermark().ids());
        Long maxVersion = at.maxVersion();
        Instant started = Tracking.syncStart(at, request, sentAt);
        Instant newest = null;
        List<Change> changes = new ArrayList<>(page.rows().size());
        for (FeedRow row : page.rows()) {
            if (!(row instanceof FeedRow.Upserted upserted) || upserted.modifiedOn() == null) {
                continue; // deletions cannot come from a modifiedon query; rows without modifiedon cannot be placed
            }
            newest = Tracking.later(newest, upserted.modifiedOn());
            if (published(upserted)) {
                continue;
            }
            changes.add(new Change(upserted, snapshot ? ChangeKind.SNAPSHOT : newRows.kindOf(upserted, at.syncedAt())));
            newRows.published(upserted);
            recent.add(upserted.id(), upserted.version(), upserted.modifiedOn());
            maxVersion = Checkpoint.max(maxVersion, upserted.version());
            if (mark == null || upserted.modifiedOn().isAfter(mark)) {
                mark = upserted.modifiedOn();
                markIds.clear();
            }
            if (upserted.modifiedOn().equals(mark)) {
                markIds.add(upserted.id());
            }
        }
        Watermark watermark = mark == null ? null : new Watermark(mark, markIds);
        if (mark != null) {
            recent.forgetBefore(mark.minus(overlap));
        }
        if (page.next().isEmpty()) {
            newRows.completed(started);
        }
        return new Step(changes, next(at, page, watermark, maxVersion, started, receivedAt),
                page.next().isPresent(), newest);
    }

    private boolean published(FeedRow.Upserted row) {
        if (recent.published(row.id(), row.version())) {
            return true;
        }
        if (restoredAt == null) {
            // Switched from change tracking: no watermark yet, but versions up to maxVersion were published.
            return restoredMaxVersion != null && row.version() <= restoredMaxVersion;
        }
        if (row.modifiedOn().isAfter(restoredAt)) {
            return false;
        }
        boolean versionCovered = restoredMaxVersion == null || row.version() <= restoredMaxVersion;
        return row.modifiedOn().isBefore(restoredAt) ? versionCovered
                : versionCovered && restoredIds.contains(row.id());
    }

    private static Checkpoint next(Checkpoint at, FeedResult.Page page, Watermark watermark, Long maxVersion,
                                   Instant started, Instant receivedAt) {
        if (page.next().isPresent()) {
            return new Checkpoint(Strategy.MODIFIED_ON, null, page.next().get(), watermark, maxVersion, Map.of(),
                    at.syncedAt(), receivedAt, new Checkpoint.InProgress(started, null));
        }
        return new Checkpoint(Strategy.MODIFIED_ON, null, null, watermark, maxVersion, Map.of(), started, receivedAt,
                null);
    }
}
