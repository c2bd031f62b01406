package io.crmbridge.poller.capture;

/** How writing a page's changes and checkpoint ended. */
sealed interface CommitOutcome permits CommitOutcome.Committed, CommitOutcome.Aborted, CommitOutcome.Fenced,
        CommitOutcome.Uncertain {

    /** Everything is written and visible to read_committed consumers. */
    record Committed() implements CommitOutcome {
    }

    /** Nothing was written (the transaction was aborted); the page can be read and written again. */
    record Aborted(String reason) implements CommitOutcome {
    }

    /** Another instance owns the log now; this one must stop writing to it. */
    record Fenced(String reason) implements CommitOutcome {
    }

    /** It is not known whether the transaction committed: reload the checkpoints before going on. */
    record Uncertain(String reason) implements CommitOutcome {
    }
}
