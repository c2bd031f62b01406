package io.crmbridge.action.planning;

import java.time.Duration;
import java.time.Instant;

import io.crmbridge.action.command.Command;
import io.crmbridge.action.execution.WriteOutcome;

/** The results the bridge decides itself, with its own error codes. */
final class Results {

    static final String INVALID_COMMAND = "INVALID_COMMAND";
    static final String TOKEN_EXPIRED = "TOKEN_EXPIRED";
    static final String METADATA_UNAVAILABLE = "METADATA_UNAVAILABLE";

    private Results() {
    }

    static Result invalid(Command command, String problem, Instant now) {
        return new Result(command, new WriteOutcome.Rejected(null, INVALID_COMMAND, problem, false), 0, now);
    }

    static Result tokenExpired(Command command, Instant parkedAt, Duration maxWait, Instant now) {
        return new Result(command, new WriteOutcome.Rejected(null, TOKEN_EXPIRED, "connection '"
                + command.connection() + "' had no usable token for " + maxWait + " (command waiting since "
                + parkedAt + "); reconnect it and send the command again", true), 0, now);
    }

    static Result metadataUnavailable(Command command, String reason, Instant now) {
        return new Result(command, new WriteOutcome.Rejected(null, METADATA_UNAVAILABLE, "the table definition of '"
                + command.entity() + "' could not be read: " + reason, true), 0, now);
    }
}
