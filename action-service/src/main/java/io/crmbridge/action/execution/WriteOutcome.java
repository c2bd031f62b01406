package io.crmbridge.action.execution;

/** How a write ended: the one thing its result is made from. */
public sealed interface WriteOutcome permits WriteOutcome.Written, WriteOutcome.Rejected, WriteOutcome.Deferred {

    /**
     * Dataverse holds the command's effect (also when a retry found it already there).
     *
     * @param recordId the row's id when known, else null
     */
    record Written(String recordId, int httpStatus) implements WriteOutcome {
    }

    /**
     * The command did not and will not take effect.
     *
     * @param httpStatus null when no Dataverse response decided it
     * @param retryable  sending the same command later may succeed
     */
    record Rejected(Integer httpStatus, String code, String message, boolean retryable) implements WriteOutcome {
    }

    /** The connection has no usable token: the command waits (parked) until it has one or its deadline passes. */
    record Deferred(String reason) implements WriteOutcome {
    }
}
