package io.crmbridge.crm.metadata;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the client needs to know of a table (from {@code EntityDefinitions}): its names, its primary key column,
 * whether change tracking is on, its columns' types and, for lookups, the navigation property that writes each
 * target ({@code @odata.bind}).
 *
 * @param navigations lookup column logical name → target table logical name → navigation property, e.g.
 *                    {@code customerid → {account → customerid_account, contact → customerid_contact}}
 */
public record TableMetadata(String logicalName, String entitySetName, String primaryIdAttribute,
                            boolean changeTrackingEnabled, Map<String, ColumnType> columns,
                            Map<String, Map<String, String>> navigations) {

    public TableMetadata {
        Objects.requireNonNull(logicalName, "logicalName");
        Objects.requireNonNull(entitySetName, "entitySetName");
        Objects.requireNonNull(primaryIdAttribute, "primaryIdAttribute");
        columns = Map.copyOf(columns);
        navigations = Map.copyOf(navigations);
    }

    /**
     * A table known only by its names: no column types, so values are typed from their JSON and annotations
     * alone (see {@code io.crmbridge.crm.record.RecordParser}). The primary key defaults to {@code <logicalName>id}.
     */
    public static TableMetadata minimal(String logicalName, String entitySetName) {
        return new TableMetadata(logicalName, entitySetName, logicalName + "id", false, Map.of(), Map.of());
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
