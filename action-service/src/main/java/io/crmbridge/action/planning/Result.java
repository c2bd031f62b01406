package io.crmbridge.action.planning;

import java.time.Instant;

import io.crmbridge.action.command.Command;
import io.crmbridge.action.execution.WriteOutcome;

/**
 * The one result of a command: its final outcome (written or rejected), how often it was sent, and when it was
 * decided.
 */
public record Result(Command command, WriteOutcome outcome, int attempts, Instant completedAt) {

    public Result {
        if (outcome instanceof WriteOutcome.Deferred) {
            throw new IllegalArgumentException("a deferred command has no result yet");
        }
    }
}
