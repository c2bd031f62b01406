package io.crmbridge.action.events;

import java.util.Optional;
import java.util.regex.Pattern;

import io.crmbridge.action.command.Command;
import io.crmbridge.action.execution.WriteOutcome;
import io.crmbridge.action.planning.Result;
import io.crmbridge.events.WriteOperation;
import io.crmbridge.events.WriteResult;
import io.crmbridge.events.WriteStatus;

/** A {@link Result} as the contract's {@code WriteResult}. */
final class ResultMapping {

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ResultMapping() {
    }

    static WriteResult result(Result result) {
        Command command = result.command();
        WriteResult.Builder builder = WriteResult.newBuilder()
                .setCommandId(command.commandId())
                .setConnectionId(command.connection().equals(Command.MISSING_CONNECTION) ? ""
                        : command.connection().value())
                .setEntity(command.entity())
                .setOperation(WriteOperation.valueOf(command.operation().name()))
                .setAttempts(result.attempts())
                .setCompletedAt(result.completedAt())
                .setHeaders(command.headers());
        if (result.outcome() instanceof WriteOutcome.Written written) {
            return builder.setStatus(WriteStatus.SUCCEEDED).setRecordId(written.recordId())
                    .setHttpStatus(written.httpStatus()).setRetryable(false).build();
        }
        WriteOutcome.Rejected rejected = (WriteOutcome.Rejected) result.outcome();
        return builder.setStatus(WriteStatus.FAILED).setRecordId(targetId(command).orElse(null))
                .setHttpStatus(rejected.httpStatus()).setErrorCode(rejected.code())
                .setErrorMessage(rejected.message()).setRetryable(rejected.retryable()).build();
    }

    private static Optional<String> targetId(Command command) {
        return Optional.ofNullable(command.target()).map(io.crmbridge.action.command.Target::id)
                .filter(id -> GUID.matcher(id).matches());
    }
}
