package io.crmbridge.poller.tracking;

import java.util.Optional;

import io.crmbridge.poller.subscription.Subscription;

/**
 * Reads pages of a table's rows and changes from Dataverse (port). Implementations send the recommended headers,
 * {@code $select} and {@code odata.maxpagesize} of the subscription, follow links untouched, retry what is worth
 * retrying within one read (throttling, 5xx, one token renewal after a 401) and answer the rest as
 * {@link FeedResult.Failed}. Blocking; called from the poller's worker threads.
 */
public interface ChangeFeed {

    FeedResult read(Subscription subscription, FeedRequest request);

    /**
     * Reads the table's metadata anew and, when its columns differ from those the feed reads the rows with, reads
     * the rows with the new ones from now on and says how they changed; empty when nothing changed, the feed has not
     * read the table yet, or the metadata cannot be read now (asked again later).
     */
    default Optional<ColumnsChange> refreshColumns(Subscription subscription) {
        return Optional.empty();
    }

    /** The table the feed reads {@code subscription}'s rows with; empty before its first read. */
    default Optional<FeedTable> table(Subscription subscription) {
        return Optional.empty();
    }
}
