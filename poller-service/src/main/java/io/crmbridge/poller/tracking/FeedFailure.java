package io.crmbridge.poller.tracking;

/** Why a read gave no page, decided once by the Dataverse client's classification. */
public enum FeedFailure {
    /** 429 still after the allowed retries: wait Retry-After. */
    THROTTLED,
    /** 5xx, 408, timeouts, connection errors: try again with backoff. */
    TRANSIENT,
    /** 401 even with a renewed token: pause the connection until a newer grant. */
    UNAUTHORIZED,
    /** The delta token expired or is invalid (0x80044352): re-sync. */
    SYNC_EXPIRED,
    /** The request is refused (400, 403, 404...): log, count, retry slowly; an operator must look. */
    PERMANENT
}
