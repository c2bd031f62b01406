package io.crmbridge.poller.tracking;

import java.time.Instant;
import java.util.Objects;

import io.crmbridge.crm.record.DeltaLink;

/** What to read next from a table. */
public sealed interface FeedRequest permits FeedRequest.FullSync, FeedRequest.NextPage, FeedRequest.Delta,
        FeedRequest.ModifiedSince, FeedRequest.Snapshot {

    /** The read of the page after this one, {@code next} being the {@code @odata.nextLink} this one returned. */
    default FeedRequest following(PageLink next) {
        return new NextPage(next);
    }

    /** Every current row, with {@code Prefer: odata.track-changes}: an initial sync or a re-sync. */
    record FullSync() implements FeedRequest {
    }

    /** The next page of a sync in progress, the {@code @odata.nextLink} untouched. */
    record NextPage(PageLink link) implements FeedRequest {
        public NextPage {
            Objects.requireNonNull(link, "link");
        }
    }

    /** The changes since the delta link was issued. */
    record Delta(DeltaLink link) implements FeedRequest {
        public Delta {
            Objects.requireNonNull(link, "link");
        }
    }

    /**
     * Rows with {@code modifiedon} at or after {@code from}, ordered by modifiedon then primary key; from the start
     * of the table when {@code from} is null.
     */
    record ModifiedSince(Instant from) implements FeedRequest {
    }

    /**
     * A page of a snapshot on demand: every current row, without change tracking (the subscription's delta link or
     * watermark goes on beside it), from the first page when {@code next} is null.
     */
    record Snapshot(PageLink next) implements FeedRequest {
        @Override
        public FeedRequest following(PageLink link) {
            return new Snapshot(link);
        }
    }
}
