package io.crmbridge.poller.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the rows of one page mean against the {@link RecordIndex}, by ETag equality only: a row at its indexed
 * ETag was published already and is skipped; a row not indexed is new (SNAPSHOT during a first sync, else CREATED);
 * a row at another ETag is UPDATED; a deletion is always published. Rows earlier on the same page count as
 * indexed. The index itself is not changed here: {@link RecordIndex#apply} does that once the page is committed.
 */
final class PageDecisions {

    private final RecordIndex index;
    private final boolean firstSync;
    private final boolean publishing;
    /** Ids decided on this page → their ETag after it (null: deleted). */
    private final Map<String, String> onPage = new HashMap<>();
    private final List<Change> changes = new ArrayList<>();
    private final List<RecordIndex.Entry> indexed = new ArrayList<>();
    private final List<String> unchanged = new ArrayList<>();
    private Instant newest;

    /**
     * @param firstSync  no complete sync has finished yet: new rows are SNAPSHOT
     * @param publishing false for a first sync from NOW: rows are indexed, not published
     */
    PageDecisions(RecordIndex index, boolean firstSync, boolean publishing) {
        this.index = index;
        this.firstSync = firstSync;
        this.publishing = publishing;
    }

    void upserted(FeedRow.Upserted row) {
        newest = Tracking.later(newest, row.modifiedOn());
        Optional<String> current = current(row.id());
        if (current.isPresent() && current.get().equals(row.etag())) {
            unchanged.add(row.id());
            return;
        }
        onPage.put(row.id(), row.etag());
        indexed.add(new RecordIndex.Entry(row.id(), row.etag(), row.version()));
        if (publishing) {
            ChangeKind kind = current.isPresent() ? ChangeKind.UPDATED
                    : firstSync ? ChangeKind.SNAPSHOT : ChangeKind.CREATED;
            changes.add(new Change(row, kind));
        }
    }

    void deleted(FeedRow.Deleted row) {
        if (onPage.containsKey(row.id()) && onPage.get(row.id()) == null) {
            return; // the same deletion twice on one page
        }
        onPage.put(row.id(), null);
        indexed.add(RecordIndex.Entry.removed(row.id()));
        changes.add(new Change(row, ChangeKind.DELETED));
    }

    /** The last page of a re-sync: every indexed record that neither it nor an earlier page returned is deleted. */
    void deleteUnseen() {
        Set<String> returned = new HashSet<>(onPage.keySet());
        returned.addAll(unchanged);
        List<String> gone = new ArrayList<>();
        index.forEachUnseen(returned, gone::add);
        gone.forEach(id -> deleted(new FeedRow.Deleted(id)));
    }

    Step step(Checkpoint next, boolean more) {
        return new Step(changes, indexed, unchanged, next, more, newest);
    }

    private Optional<String> current(String id) {
        if (onPage.containsKey(id)) {
            return Optional.ofNullable(onPage.get(id));
        }
        return index.etag(id);
    }
}
