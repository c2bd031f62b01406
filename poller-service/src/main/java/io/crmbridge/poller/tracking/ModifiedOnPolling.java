package io.crmbridge.poller.tracking;

import java.time.Duration;
import java.time.Instant;

import io.crmbridge.poller.subscription.StartPosition;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.Subscription;

/**
 * For tables without change tracking: each cycle reads the rows with {@code modifiedon} at or after the watermark
 * minus an overlap window, ordered by modifiedon then primary key, through every page. The overlap re-reads rows
 * whose transaction committed after later rows were read; a re-read row at its indexed ETag is skipped
 * ({@link PageDecisions}), so nothing is published twice and no version is compared. Deletes are not visible to
 * this strategy. A start at NOW reads the table once to index it, publishing nothing, so that later rows are
 * told CREATED from UPDATED by the index as with change tracking.
 */
final class ModifiedOnPolling implements Tracking {

    private final Subscription subscription;
    private final Duration overlap;
    private RecordIndex index = new RecordIndex();

    ModifiedOnPolling(Subscription subscription, Duration overlap) {
        this.subscription = subscription;
        this.overlap = overlap;
    }

    @Override
    public Checkpoint restore(Checkpoint restored, RecordIndex restoredIndex, Instant now) {
        index = restoredIndex;
        if (restored == null) {
            return index.isEmpty() ? Checkpoint.none(Strategy.MODIFIED_ON) : Checkpoint.resync(Strategy.MODIFIED_ON, null);
        }
        return restored.strategy() == Strategy.MODIFIED_ON ? restored
                : Checkpoint.resync(Strategy.MODIFIED_ON, restored.updatedAt());
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
        return new FeedRequest.ModifiedSince(at.watermark() == null ? null : at.watermark().minus(overlap));
    }

    @Override
    public Step apply(Checkpoint at, FeedRequest request, FeedResult.Page page, Instant sentAt, Instant receivedAt) {
        boolean first = !at.synced();
        PageDecisions decisions = new PageDecisions(index, first,
                !(first && subscription.start() == StartPosition.NOW));
        Instant mark = at.watermark();
        for (FeedRow row : page.rows()) {
            if (!(row instanceof FeedRow.Upserted upserted) || upserted.modifiedOn() == null) {
                continue; // deletions cannot come from a modifiedon query; rows without modifiedon cannot be placed
            }
            decisions.upserted(upserted);
            mark = Tracking.later(mark, upserted.modifiedOn());
        }
        boolean more = page.next().isPresent();
        Checkpoint next = Checkpoint.modifiedOnPage(mark, page.next().orElse(null), at.synced() || !more, receivedAt);
        return decisions.step(next, more);
    }

    @Override
    public void committed(Step step) {
        index.apply(step.indexed(), step.unchanged());
    }

    @Override
    public int indexedRecords() {
        return index.size();
    }
}
