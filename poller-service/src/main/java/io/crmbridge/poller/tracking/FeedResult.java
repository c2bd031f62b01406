package io.crmbridge.poller.tracking;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.crmbridge.crm.record.DeltaLink;

/** What a read from Dataverse gave: a page of rows, or why there is none. */
public sealed interface FeedResult permits FeedResult.Page, FeedResult.Failed {

    /**
     * One page.
     *
     * @param rows  upserted rows (in the order served) then deletions
     * @param next  the {@code @odata.nextLink}, when the read has more pages
     * @param delta the {@code @odata.deltaLink}, on the last page of a change-tracking read
     */
    record Page(List<FeedRow> rows, Optional<PageLink> next, Optional<DeltaLink> delta) implements FeedResult {
        public Page {
            rows = List.copyOf(rows);
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(delta, "delta");
        }
    }

    /**
     * No page.
     *
     * @param reason     what to do about it
     * @param retryAfter how long the server asked to wait (429), zero when it did not say
     * @param detail     the error for logs: status and Dataverse code, never a token
     * @param code       Dataverse's status and error code (e.g. {@code 410/0x80044352}); the failure kind when no
     *                   response said more
     */
    record Failed(FeedFailure reason, Duration retryAfter, String detail, String code) implements FeedResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
            code = code == null ? reason.name() : code;
        }

        /** A failure that no Dataverse response describes further. */
        public Failed(FeedFailure reason, Duration retryAfter, String detail) {
            this(reason, retryAfter, detail, null);
        }
    }
}
