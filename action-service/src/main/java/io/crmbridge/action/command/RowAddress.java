package io.crmbridge.action.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** How a validated write addresses its row. */
public sealed interface RowAddress permits RowAddress.ById, RowAddress.ByKey {

    /**
     * By primary key.
     *
     * @param derived the id was derived from the commandId (a CREATE without one), so a row with it can only
     *                have been created by this very command
     */
    record ById(UUID id, boolean derived) implements RowAddress {
    }

    /** By alternate key: column logical name to value, in the producer's order. */
    record ByKey(Map<String, ColumnValue> values) implements RowAddress {
        public ByKey {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }
}
