package io.crmbridge.crm.failure;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A Web API request that did not succeed: the HTTP status, Dataverse's error code (hex, e.g. {@code 0x80040217};
 * often empty per the docs) and message from the body {@code {"error":{"code":..,"message":..}}}, and the
 * {@code Retry-After} the response carried. Status 0 means no HTTP response at all (connection refused or reset,
 * timeout, TLS failure).
 */
public record DataverseError(int status, String code, String message, Optional<Duration> retryAfter) {

    /** ObjectDoesNotExist: the row (or key) does not exist. */
    public static final String OBJECT_DOES_NOT_EXIST = "0x80040217";
    /** DuplicateRecord: a row with this id or these key values exists (412 on create / upsert with If-None-Match). */
    public static final String DUPLICATE_RECORD = "0x80040237";
    /** DuplicateRecordEntityKey: an alternate-key duplicate on create. */
    public static final String DUPLICATE_RECORD_ENTITY_KEY = "0x80060892";
    /** Validation error (too long, out of range). */
    public static final String VALIDATION = "0x80044331";
    /** ExpiredVersionStamp: the delta token is past the change-tracking retention; a full sync is required. */
    public static final String EXPIRED_VERSION_STAMP = "0x80044352";
    /** Service protection: number of requests. */
    public static final String REQUEST_LIMIT = "0x80072322";
    /** Service protection: combined execution time. */
    public static final String EXECUTION_TIME_LIMIT = "0x80072321";
    /** Service protection: concurrent requests. */
    public static final String CONCURRENCY_LIMIT = "0x80072326";

    public DataverseError {
        code = code == null ? "" : code;
        message = message == null ? "" : message;
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** No HTTP response was received; {@code cause} says why (its message, never request headers). */
    public static DataverseError noResponse(Throwable cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new DataverseError(0, "", "no response: " + reason, Optional.empty());
    }

    /** Whether Dataverse named this code (compared without case: the docs mix {@code 0x8004} and {@code 0X8004}). */
    public boolean hasCode(String hexCode) {
        return code.equalsIgnoreCase(hexCode);
    }

    /** The status and code, as a short label for logs and metrics, e.g. {@code 404/0x80040217}. */
    public String label() {
        return code.isEmpty() ? String.valueOf(status) : status + "/" + code;
    }
}
