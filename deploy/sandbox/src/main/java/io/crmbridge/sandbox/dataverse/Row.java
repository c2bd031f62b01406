package io.crmbridge.sandbox.dataverse;

import java.util.UUID;

/**
 * One stored row, immutable: a write makes a new {@code Row} with a new version. {@code version} is the org's
 * internal change sequence (SQL's rowversion: what change tracking reads in order), never shown to clients;
 * {@code etag} is the number clients see in {@code @odata.etag} and {@code versionnumber}, drawn apart from it
 * ({@link TrackingBehaviour.Etags}). {@code values} is indexed like
 * {@link TableDefinition#columns()} and holds String, Integer, Long, BigDecimal, Double, Boolean, Instant,
 * int[] (multi-select choice) or {@link RecordRef}; never modified after construction. A row written before a
 * column was added ({@link Org#addColumn}) is shorter than its table: the missing columns read as null.
 */
record Row(UUID id, long version, long etag, Object[] values) {

    Object value(int column) {
        return column < values.length ? values[column] : null;
    }
}
