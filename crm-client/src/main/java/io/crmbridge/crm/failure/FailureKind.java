package io.crmbridge.crm.failure;

/** How a request that finally did not succeed failed; what the caller should do next. */
public enum FailureKind {
    /** 429 (service protection) still after the allowed retries: try again later. */
    THROTTLED,
    /** 5xx, 408 or no response still after the allowed retries: try again later. */
    TRANSIENT,
    /** 401 even with a renewed token (or no renewed token came): the connection needs attention. */
    UNAUTHORIZED,
    /** The delta token expired (0x80044352): start over with a full sync. */
    FULL_SYNC_REQUIRED,
    /** The request itself is wrong or refused (400, 403, 404, 405, 412, 413...): retrying cannot help. */
    PERMANENT;

    /** Whether the same request may succeed later without any change. */
    public boolean retryable() {
        return this == THROTTLED || this == TRANSIENT;
    }
}
