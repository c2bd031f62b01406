package io.crmbridge.poller.capture;

import java.time.Duration;
import java.time.Instant;

import io.crmbridge.poller.tracking.Checkpoint;
import io.crmbridge.poller.tracking.FeedFailure;

/** How one poll of one subscription ended. */
sealed interface PollOutcome permits PollOutcome.Captured, PollOutcome.Resync, PollOutcome.Deferred,
        PollOutcome.NotCommitted, PollOutcome.Uncertain, PollOutcome.Fenced {

    /**
     * A page was read and its changes and checkpoint committed (or, for a quiet page, there was nothing to commit).
     *
     * @param next      the checkpoint to continue from
     * @param published changes published
     * @param more      the read has more pages: poll again at once
     * @param newest    newest modifiedon on the page; null when it had no rows
     */
    record Captured(Checkpoint next, int published, boolean more, Instant newest) implements PollOutcome {
    }

    /** The delta token expired: continue from {@code next}, a re-sync. */
    record Resync(Checkpoint next) implements PollOutcome {
    }

    /** Dataverse gave no page; nothing was written. */
    record Deferred(FeedFailure reason, Duration retryAfter, String detail) implements PollOutcome {
    }

    /** The page could not be written (transaction aborted); read it again later. */
    record NotCommitted(String reason) implements PollOutcome {
    }

    /** Whether the page was written is unknown: reload the checkpoints. */
    record Uncertain(String reason) implements PollOutcome {
    }

    /** Another instance owns the shard now. */
    record Fenced(String reason) implements PollOutcome {
    }
}
