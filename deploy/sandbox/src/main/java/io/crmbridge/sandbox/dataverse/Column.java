package io.crmbridge.sandbox.dataverse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A column of a table.
 *
 * @param maxLength  text columns only: longer values are a validation error (0x80044331)
 * @param precision  decimal and money columns: digits kept after the point (values are rounded to it)
 * @param options    choice columns: value to label, in display order
 * @param targets    lookup columns: the tables it may point to (two for a Customer column)
 * @param writable   false for columns the platform sets (createdon, versionnumber, fullname...); writes are ignored
 */
record Column(String logicalName, String schemaName, ColumnType type, int maxLength, int precision,
              Map<Integer, String> options, List<LookupTarget> targets, boolean writable) {

    Column {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        targets = List.copyOf(targets);
    }

    static Column of(String logicalName, String schemaName, ColumnType type) {
        return new Column(logicalName, schemaName, type, 0, 0, Map.of(), List.of(), true);
    }

    static Column text(String logicalName, String schemaName, int maxLength) {
        return new Column(logicalName, schemaName, ColumnType.STRING, maxLength, 0, Map.of(), List.of(), true);
    }

    static Column memo(String logicalName, String schemaName, int maxLength) {
        return new Column(logicalName, schemaName, ColumnType.MEMO, maxLength, 0, Map.of(), List.of(), true);
    }

    static Column money(String logicalName, String schemaName) {
        return new Column(logicalName, schemaName, ColumnType.MONEY, 0, 2, Map.of(), List.of(), true);
    }

    static Column decimal(String logicalName, String schemaName, int precision) {
        return new Column(logicalName, schemaName, ColumnType.DECIMAL, 0, precision, Map.of(), List.of(), true);
    }

    static Column choice(String logicalName, String schemaName, ColumnType type, Map<Integer, String> options) {
        return new Column(logicalName, schemaName, type, 0, 0, options, List.of(), true);
    }

    static Column lookup(String logicalName, String schemaName, LookupTarget... targets) {
        ColumnType type = targets.length > 1 ? ColumnType.CUSTOMER : ColumnType.LOOKUP;
        return new Column(logicalName, schemaName, type, 0, 0, Map.of(), List.of(targets), true);
    }

    Column readOnly() {
        return new Column(logicalName, schemaName, type, maxLength, precision, options, targets, false);
    }

    /** The computed property lookups are read through: {@code _parentcustomerid_value}. */
    String lookupProperty() {
        return "_" + logicalName + "_value";
    }
}
