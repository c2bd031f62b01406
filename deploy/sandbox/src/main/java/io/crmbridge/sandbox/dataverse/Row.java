package io.crmbridge.sandbox.dataverse;

import java.util.UUID;

/**
 * One stored row, immutable: a write makes a new {@code Row} with a new version. {@code values} is indexed like
 * {@link TableDefinition#columns()} and holds String, Integer, Long, BigDecimal, Double, Boolean, Instant,
 * int[] (multi-select choice) or {@link RecordRef}; never modified after construction.
 */
record Row(UUID id, long version, Object[] values) {

    Object value(int column) {
        return values[column];
    }
}
