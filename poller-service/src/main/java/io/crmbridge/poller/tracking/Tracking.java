package io.crmbridge.poller.tracking;

import java.time.Duration;
import java.time.Instant;

import io.crmbridge.poller.subscription.Subscription;

/**
 * A polling strategy for one subscription: which read comes next from a checkpoint, and what a page read means.
 * One instance per subscription; it holds the subscription's {@link RecordIndex}.
 */
public sealed interface Tracking permits ChangeTracking, ModifiedOnPolling {

    /** The strategy the subscription asks for; {@code overlap} is the modifiedon re-read window. */
    static Tracking of(Subscription subscription, Duration overlap) {
        return switch (subscription.strategy()) {
            case CHANGE_TRACKING -> new ChangeTracking(subscription);
            case MODIFIED_ON -> new ModifiedOnPolling(subscription, overlap);
        };
    }

    /**
     * The checkpoint and the record index were (re)loaded from Kafka: forget what this instance knew.
     *
     * @param index the subscription's record index as committed; the strategy keeps it and changes it only in
     *              {@link #committed}
     * @return the checkpoint to start from: {@code restored} in this strategy, or a fresh start when none or
     * another strategy wrote it
     */
    Checkpoint restore(Checkpoint restored, RecordIndex index, Instant now);

    /** Whether the last page of every read must carry a delta link (change tracking). */
    boolean endsWithDeltaLink();

    /** The read that continues from {@code at}. */
    FeedRequest next(Checkpoint at);

    /**
     * What {@code page}, read for {@code request} from {@code at}, means.
     *
     * @param sentAt     when the request was sent
     * @param receivedAt when the page arrived
     */
    Step apply(Checkpoint at, FeedRequest request, FeedResult.Page page, Instant sentAt, Instant receivedAt);

    /** {@code step} was committed: its record-index entries hold from now on. */
    void committed(Step step);

    /** How many records the committed record index holds. */
    int indexedRecords();

    /** The later of two instants, either may be null. */
    static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
