package io.crmbridge.crm.record;

/**
 * A 2xx response body that is not what the Web API documents (not JSON, a record without its primary key). A
 * protocol bug rather than an expected outcome, so an exception.
 */
public final class MalformedResponse extends RuntimeException {

    public MalformedResponse(String message) {
        super(message);
    }

    public MalformedResponse(String message, Throwable cause) {
        super(message, cause);
    }
}
