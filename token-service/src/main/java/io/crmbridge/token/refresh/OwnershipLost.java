package io.crmbridge.token.refresh;

/** This instance no longer owns the connection (its partition was reassigned or it was fenced): stop working on it. */
public final class OwnershipLost extends RuntimeException {

    public OwnershipLost(String message) {
        super(message);
    }

    public OwnershipLost(String message, Throwable cause) {
        super(message, cause);
    }
}
