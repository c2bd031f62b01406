package io.crmbridge.poller.tracking;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a snapshot on demand of one subscription stands: committed in its checkpoint with the SNAPSHOT events of
 * each page, so a crash or an ownership move continues at the next page, and a request runs once per id.
 *
 * @param id        the request's id
 * @param next      the next page of the snapshot's read, untouched; null before the first page and once completed
 * @param rows      rows published so far
 * @param startedAt when it began
 * @param completed every page was read and published
 */
public record SnapshotProgress(String id, PageLink next, long rows, Instant startedAt, boolean completed) {

    public SnapshotProgress {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** Request {@code id}, its first page not read yet. */
    public static SnapshotProgress started(String id, Instant now) {
        return new SnapshotProgress(id, null, 0, now, false);
    }

    /**
     * Request {@code id}, done without reading: the subscription starts with an initial sync, which publishes every
     * row as a SNAPSHOT event anyway.
     */
    static SnapshotProgress coveredByInitialSync(String id, Instant now) {
        return new SnapshotProgress(id, null, 0, now, true);
    }

    /** A page of {@code published} rows was read; {@code following} is the page after it, null after the last. */
    public SnapshotProgress after(PageLink following, int published) {
        return new SnapshotProgress(id, following, rows + published, startedAt, following == null);
    }

    /** Whether no page has been read yet. */
    public boolean notStarted() {
        return !completed && next == null && rows == 0;
    }

    /** The read of the next page. */
    public FeedRequest.Snapshot request() {
        return new FeedRequest.Snapshot(next);
    }
}
