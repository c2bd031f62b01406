package io.crmbridge.poller.subscription;

/** How a table is polled. */
public enum Strategy {
    /** Dataverse change tracking: an initial sync, then the delta link each interval; sees deletes. */
    CHANGE_TRACKING,
    /** For tables without change tracking: rows ordered by modifiedon from a watermark; deletes are not visible. */
    MODIFIED_ON
}
