package io.crmbridge.poller.subscription;

/** Where a subscription without a checkpoint starts. */
public enum StartPosition {
    /** Publish every current row as a SNAPSHOT event, then the changes. */
    SNAPSHOT,
    /** Publish only changes made from now on. */
    NOW
}
