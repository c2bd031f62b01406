package io.crmbridge.crm.metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the client needs to know of a table (from {@code EntityDefinitions}): its names, its primary key column,
 * whether change tracking is on, its columns' types and, for lookups, the navigation property that writes each
 * target ({@code @odata.bind}), and what else the metadata says of each column ({@link ColumnMetadata}: scale and
 * range of numbers, date behaviour, lookup targets, length).
 *
 * <p>Columns are kept in the order of their logical names: the order of {@code Attributes} in an
 * {@code EntityDefinitions} response is not documented, and a schema built from the columns must not change when only
 * that order does.
 *
 * @param columns     column logical name → type, in logical name order
 * @param navigations lookup column logical name → target table logical name → navigation property, e.g.
 *                    {@code customerid → {account → customerid_account, contact → customerid_contact}}
 * @param details     column logical name → everything the metadata said of it, in logical name order; a column of
 *                    {@code columns} missing here is described by its type alone ({@link ColumnMetadata#of})
 */
public record TableMetadata(String logicalName, String entitySetName, String primaryIdAttribute,
                            boolean changeTrackingEnabled, Map<String, ColumnType> columns,
                            Map<String, Map<String, String>> navigations, Map<String, ColumnMetadata> details) {

    public TableMetadata {
        Objects.requireNonNull(logicalName, "logicalName");
        Objects.requireNonNull(entitySetName, "entitySetName");
        Objects.requireNonNull(primaryIdAttribute, "primaryIdAttribute");
        Map<String, ColumnMetadata> described = new TreeMap<>();
        columns.forEach((name, type) -> described.put(name, ColumnMetadata.of(name, type)));
        described.putAll(details == null ? Map.of() : details);
        Map<String, ColumnType> types = new TreeMap<>();
        described.forEach((name, column) -> types.put(name, column.type()));
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        details = Collections.unmodifiableMap(new LinkedHashMap<>(described));
        navigations = Map.copyOf(navigations);
    }

    /** A table whose columns are known by their types alone. */
    public TableMetadata(String logicalName, String entitySetName, String primaryIdAttribute,
                         boolean changeTrackingEnabled, Map<String, ColumnType> columns,
                         Map<String, Map<String, String>> navigations) {
        this(logicalName, entitySetName, primaryIdAttribute, changeTrackingEnabled, columns, navigations, Map.of());
    }

    /** A table described column by column (see {@link ColumnMetadata}). */
    public static TableMetadata described(String logicalName, String entitySetName, String primaryIdAttribute,
                                          boolean changeTrackingEnabled, List<ColumnMetadata> columns) {
        Map<String, ColumnMetadata> details = new LinkedHashMap<>();
        columns.forEach(column -> details.put(column.logicalName(), column));
        return new TableMetadata(logicalName, entitySetName, primaryIdAttribute, changeTrackingEnabled, Map.of(),
                Map.of(), details);
    }

    /**
     * A table known only by its names: no column types, so values are typed from their JSON and annotations
     * alone (see {@code io.crmbridge.crm.record.RecordParser}). The primary key defaults to {@code <logicalName>id}.
     */
    public static TableMetadata minimal(String logicalName, String entitySetName) {
        return new TableMetadata(logicalName, entitySetName, logicalName + "id", false, Map.of(), Map.of());
    }

    /** Everything the metadata said of a column, if it named it. */
    public Optional<ColumnMetadata> describe(String logicalName) {
        return Optional.ofNullable(details.get(logicalName));
    }

    /** Every column the metadata named, in logical name order. */
    public List<ColumnMetadata> describedColumns() {
        return new ArrayList<>(details.values());
    }

    /** The type of a column, if the metadata named it. */
    public Optional<ColumnType> column(String logicalName) {
        return Optional.ofNullable(columns.get(logicalName));
    }

    /**
     * The navigation property that sets lookup {@code column} to a row of {@code targetTable}; defaults to the
     * column name, which is right for single-target lookups of standard tables.
     */
    public String navigationFor(String column, String targetTable) {
        Map<String, String> byTarget = navigations.get(column);
        if (byTarget == null || byTarget.isEmpty()) {
            return column;
        }
        String navigation = byTarget.get(targetTable);
        return navigation != null ? navigation : byTarget.size() == 1 ? byTarget.values().iterator().next() : column;
    }
}
