package io.crmbridge.poller.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one page means for a subscription: the changes to publish and the checkpoint that follows them.
 *
 * @param changes  to publish, in the order read
 * @param next     the checkpoint to commit with them
 * @param more     the page was not the last of its read: poll again at once
 * @param newest   the newest modifiedon on the page (for the lag metric); null when none
 */
public record Step(List<Change> changes, Checkpoint next, boolean more, Instant newest) {

    public Step {
        changes = List.copyOf(changes);
        Objects.requireNonNull(next, "next");
    }
}
