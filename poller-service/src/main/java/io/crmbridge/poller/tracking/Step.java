package io.crmbridge.poller.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one page means for a subscription: the changes to publish, the record-index entries that account for them
 * (and, from a start at NOW, for rows read but not published), and the checkpoint that follows them; all three are
 * committed together.
 *
 * @param changes   to publish, in the order read
 * @param indexed   the record-index entries to commit with them
 * @param unchanged records a re-sync returned at their indexed ETag (not written anywhere: a re-sync restarted after
 *                  a crash reads them again)
 * @param next      the checkpoint to commit with them
 * @param more      the page was not the last of its read: poll again at once
 * @param newest    the newest modifiedon on the page (for the lag metric); null when none
 */
public record Step(List<Change> changes, List<RecordIndex.Entry> indexed, List<String> unchanged, Checkpoint next,
                   boolean more, Instant newest) {

    public Step {
        changes = List.copyOf(changes);
        indexed = List.copyOf(indexed);
        unchanged = List.copyOf(unchanged);
        Objects.requireNonNull(next, "next");
    }
}
