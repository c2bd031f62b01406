package io.crmbridge.poller.tracking;

import java.time.Instant;

import io.crmbridge.crm.record.DeltaLink;
import io.crmbridge.poller.subscription.StartPosition;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dataverse change tracking: a full sync with {@code Prefer: odata.track-changes} (pages via nextLink), then the
 * delta link each interval. Delta and paging tokens are opaque: they are sent back exactly as received and never
 * read. Which rows are published is decided by the {@link RecordIndex} alone ({@link PageDecisions}): a first sync
 * publishes every row as SNAPSHOT; a delta publishes every row except one at its indexed ETag; a re-sync (expired
 * token) publishes the rows not at their indexed ETag and ends with a DELETED for every indexed record it did not
 * return, the deletions made while the token was expired.
 *
 * <p>A re-sync must see every page in one run to know what it did not return; restored in the middle of one (a
 * crash), it starts over from the first page, which costs a read but publishes nothing twice (the pages committed
 * before the crash are indexed). A first sync or a multi-page delta continues from its nextLink.
 */
final class ChangeTracking implements Tracking {

    private static final Logger log = LoggerFactory.getLogger(ChangeTracking.class);

    private final Subscription subscription;
    private RecordIndex index = new RecordIndex();

    ChangeTracking(Subscription subscription) {
        this.subscription = subscription;
    }

    @Override
    public Checkpoint restore(Checkpoint restored, RecordIndex restoredIndex, Instant now) {
        index = restoredIndex;
        if (restored == null) {
            if (index.isEmpty()) {
                return Checkpoint.none(Strategy.CHANGE_TRACKING);
            }
            log.warn("{}: no checkpoint but {} indexed records: re-syncing against them", subscription.key(),
                    index.size());
            return Checkpoint.resync(Strategy.CHANGE_TRACKING, null);
        }
        if (restored.strategy() != Strategy.CHANGE_TRACKING) {
            return Checkpoint.resync(Strategy.CHANGE_TRACKING, restored.updatedAt());
        }
        if (restored.inFullSync() && restored.synced() && restored.nextLink() != null) {
            log.info("{}: restored in the middle of a re-sync; it starts over from the first page", subscription.key());
            return restored.forResync();
        }
        return restored;
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
        boolean fullSync = at.inFullSync();
        boolean resync = fullSync && at.synced();
        if (resync && request instanceof FeedRequest.FullSync) {
            index.clearSeen(); // scratch state of the re-sync, not published state: safe to reset before the commit
        }
        // A first sync from NOW reads every row only to index it and reach a delta link; nothing of it is published.
        boolean publishing = !(fullSync && !at.synced() && subscription.start() == StartPosition.NOW);
        PageDecisions decisions = new PageDecisions(index, fullSync && !at.synced(), publishing);
        for (FeedRow row : page.rows()) {
            if (row instanceof FeedRow.Upserted upserted) {
                decisions.upserted(upserted);
            } else {
                decisions.deleted((FeedRow.Deleted) row);
            }
        }
        boolean more = page.next().isPresent();
        if (resync && !more) {
            decisions.deleteUnseen();
        }
        Checkpoint next = more
                ? Checkpoint.changeTrackingPage(at.deltaLink(), page.next().get(), at.synced(), receivedAt)
                : Checkpoint.caughtUp(lastDeltaLink(page), receivedAt);
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

    private static DeltaLink lastDeltaLink(FeedResult.Page page) {
        return page.delta().orElseThrow(() -> new IllegalStateException("a last page without a delta link"));
    }
}
