package io.crmbridge.poller.tracking;

/** What happened to a row, as the events say it. */
public enum ChangeKind {
    /** Read by an initial full sync: the row as it is, changed or not. */
    SNAPSHOT,
    /** Created after the previous sync. */
    CREATED,
    /** Changed after the previous sync, created before it. */
    UPDATED,
    /** Deleted. */
    DELETED
}
