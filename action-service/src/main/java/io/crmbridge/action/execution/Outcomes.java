package io.crmbridge.action.execution;

import java.util.Locale;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.crmbridge.action.command.Write;
import io.crmbridge.crm.failure.DataverseError;
import io.crmbridge.crm.failure.FailureClassification;
import io.crmbridge.crm.failure.FailureKind;

/**
 * The one place that decides how a write ended. Dataverse's errors arrive as crm-client read them
 * ({@link DataverseError}) and are classified by crm-client's {@link FailureClassification}; on top of it come the
 * answers that mean "already done" for an idempotent redelivery:
 *
 * <table>
 * <caption>Decisions</caption>
 * <tr><th>operation and answer</th><th>decision</th></tr>
 * <tr><td>any 2xx</td><td>SUCCEEDED</td></tr>
 * <tr><td>CREATE meeting DuplicateRecord (0x80040237, or 412 without code) for its own id</td><td>SUCCEEDED</td></tr>
 * <tr><td>DELETE or DISASSOCIATE meeting 404</td><td>SUCCEEDED (already gone)</td></tr>
 * <tr><td>ASSOCIATE meeting DuplicateRecord</td><td>SUCCEEDED (already linked)</td></tr>
 * <tr><td>429, 5xx, 408, no response</td><td>retry after Retry-After or backoff, up to the attempt bound; then
 *     FAILED retryable</td></tr>
 * <tr><td>401</td><td>wait for a token (deferred)</td></tr>
 * <tr><td>anything else (400, 403, 404, 412...)</td><td>FAILED at once with Dataverse's code and message</td></tr>
 * </table>
 */
final class Outcomes {

    private static final Pattern ROW_ID = Pattern.compile("\\(([0-9a-fA-F-]{36})\\)$");

    private final FailureClassification classification;
    private final int maxAttempts;

    Outcomes(FailureClassification classification, int maxAttempts) {
        this.classification = classification;
        this.maxAttempts = maxAttempts;
    }

    /** The decision after {@code response} to the {@code attempt}-th sending of {@code write}. */
    Decision decide(Write write, WriteResponse response, int attempt) {
        if (response instanceof WriteResponse.Succeeded success) {
            return written(write, success.entityId(), success.status());
        }
        DataverseError error = ((WriteResponse.Failed) response).error();
        if (alreadyDone(write, error)) {
            return written(write, Optional.empty(), error.status());
        }
        FailureKind kind = classification.kindOf(error);
        if (kind == FailureKind.UNAUTHORIZED) {
            return new Decision.Final(new WriteOutcome.Deferred("Dataverse answered 401"));
        }
        if (kind.retryable() && attempt < maxAttempts) {
            return new Decision.Retry(error.retryAfter().orElseGet(() -> classification.backoff(attempt)));
        }
        return new Decision.Final(rejected(error.status(), error.code(), error.message(), kind));
    }

    /** The outcome of every write of a request that failed as a whole. */
    WriteOutcome whole(RequestFailure failure) {
        if (failure.kind() == FailureKind.UNAUTHORIZED) {
            return new WriteOutcome.Deferred("no usable token: " + failure.message());
        }
        return rejected(failure.status(), failure.code(), failure.message(), failure.kind());
    }

    private static WriteOutcome rejected(int status, String code, String message, FailureKind kind) {
        // Dataverse often sends no code; a bridge code still lets producers and metrics tell failures apart.
        String named = !code.isEmpty() ? code : status == 0 ? "NO_RESPONSE" : "HTTP_" + status;
        return new WriteOutcome.Rejected(status == 0 ? null : status, named,
                message.isEmpty() ? "Dataverse answered " + status : message, kind.retryable());
    }

    private static boolean alreadyDone(Write write, DataverseError error) {
        boolean duplicate = error.hasCode(DataverseError.DUPLICATE_RECORD);
        return switch (write.operation()) {
            case CREATE -> duplicate || error.status() == 412 && error.code().isEmpty();
            case DELETE, DISASSOCIATE -> error.status() == 404;
            case ASSOCIATE -> duplicate;
            default -> false;
        };
    }

    private static Decision written(Write write, Optional<String> entityId, int status) {
        String recordId = write.knownId().map(Object::toString).orElseGet(() -> entityId.flatMap(Outcomes::idIn)
                .orElse(null));
        return new Decision.Final(new WriteOutcome.Written(recordId, status));
    }

    private static Optional<String> idIn(String entityUrl) {
        Matcher matcher = ROW_ID.matcher(entityUrl);
        return matcher.find() ? Optional.of(matcher.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    Duration backoff(int attempt) {
        return classification.backoff(attempt);
    }
}
