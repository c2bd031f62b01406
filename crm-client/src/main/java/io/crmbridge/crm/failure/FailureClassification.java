package io.crmbridge.crm.failure;

import java.time.Duration;

/**
 * The one place that decides what a failed Web API attempt means (shared/reference/dataverse-webapi.md §5.4):
 *
 * <table>
 * <caption>Verdicts</caption>
 * <tr><th>failure</th><th>verdict</th></tr>
 * <tr><td>code 0x80044352 (expired version stamp), any status</td><td>give up: FULL_SYNC_REQUIRED</td></tr>
 * <tr><td>429</td><td>retry after {@code Retry-After} (the whole connection waits); backoff if absent</td></tr>
 * <tr><td>408, 5xx except 501, no response (status 0)</td>
 *     <td>retry after {@code Retry-After} if sent, else {@code unit * 2^attempt} capped</td></tr>
 * <tr><td>401</td><td>re-authenticate once; a second 401 gives up: UNAUTHORIZED</td></tr>
 * <tr><td>400, 403, 404, 405, 412, 413, 501 and every other status</td><td>give up: PERMANENT</td></tr>
 * </table>
 *
 * Retries end after {@link RetrySettings#maxAttempts()} attempts (THROTTLED or TRANSIENT), and a
 * {@code Retry-After} longer than {@link RetrySettings#maxRetryAfter()} ends the request at once as THROTTLED.
 */
public final class FailureClassification {

    private final RetrySettings settings;

    public FailureClassification(RetrySettings settings) {
        this.settings = settings;
    }

    /**
     * @param error           what the attempt answered
     * @param attempt         the number of the attempt that failed, from 1
     * @param reauthenticated whether this request already got a renewed token after a 401
     */
    public Verdict classify(DataverseError error, int attempt, boolean reauthenticated) {
        // §2.5: the code is [OBS] and §5.1 says codes are often empty, so the observed message counts as well.
        if (error.hasCode(DataverseError.EXPIRED_VERSION_STAMP) || (error.message() != null
                && error.message().contains("Version stamp associated with the client has expired"))) {
            return new Verdict.GiveUp(FailureKind.FULL_SYNC_REQUIRED);
        }
        int status = error.status();
        if (status == 401) {
            return reauthenticated ? new Verdict.GiveUp(FailureKind.UNAUTHORIZED) : new Verdict.Reauthenticate();
        }
        if (status == 429) {
            return retry(error, attempt, FailureKind.THROTTLED);
        }
        if (isTransient(status)) {
            return retry(error, attempt, FailureKind.TRANSIENT);
        }
        return new Verdict.GiveUp(FailureKind.PERMANENT);
    }

    /** The kind a failure has when no retry is possible any more (e.g. inside a $batch part). */
    public FailureKind kindOf(DataverseError error) {
        Verdict verdict = classify(error, settings.maxAttempts(), true);
        return verdict instanceof Verdict.GiveUp giveUp ? giveUp.kind() : FailureKind.PERMANENT;
    }

    /** The wait before attempt {@code attempt + 1} when the server named none: {@code unit * 2^attempt}, capped. */
    public Duration backoff(int attempt) {
        int exponent = Math.min(Math.max(attempt, 0), 30);
        Duration wait = settings.backoffUnit().multipliedBy(1L << exponent);
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    private Verdict retry(DataverseError error, int attempt, FailureKind kind) {
        if (attempt >= settings.maxAttempts()) {
            return new Verdict.GiveUp(kind);
        }
        boolean throttled = kind == FailureKind.THROTTLED;
        if (error.retryAfter().isPresent()) {
            Duration wait = error.retryAfter().get();
            return wait.compareTo(settings.maxRetryAfter()) > 0 ? new Verdict.GiveUp(kind)
                    : new Verdict.Retry(wait, throttled);
        }
        return new Verdict.Retry(backoff(attempt), throttled);
    }

    private static boolean isTransient(int status) {
        return status == 0 || status == 408 || (status >= 500 && status <= 599 && status != 501);
    }
}
