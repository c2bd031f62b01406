package io.crmbridge.poller.subscription;

/** The shape of a subscription's change events. */
public enum ChangeFormat {
    /** {@code RecordChanged} on the table's change topic: every row as a map of typed values. */
    GENERIC,
    /**
     * Debezium's envelope on a topic per connection and table, with a schema per table built from its metadata and
     * the primary key as the record key.
     */
    TYPED
}
