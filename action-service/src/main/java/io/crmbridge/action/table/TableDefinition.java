package io.crmbridge.action.table;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What validating and addressing a write needs to know of a table (Dataverse {@code EntityDefinitions}).
 *
 * @param columns       column logical name to kind; empty when the metadata named no columns (nothing is checked)
 * @param lookups       by single-valued navigation property name
 * @param alternateKeys the column sets of the table's alternate keys; empty when unknown (key columns are then
 *                      checked only for existence)
 */
public record TableDefinition(String logicalName, String entitySetName, String primaryIdAttribute,
                              Map<String, ColumnKind> columns, Map<String, LookupColumn> lookups,
                              List<Set<String>> alternateKeys) {

    public TableDefinition {
        Objects.requireNonNull(logicalName, "logicalName");
        Objects.requireNonNull(entitySetName, "entitySetName");
        Objects.requireNonNull(primaryIdAttribute, "primaryIdAttribute");
        columns = Map.copyOf(columns);
        lookups = Map.copyOf(lookups);
        alternateKeys = alternateKeys.stream().map(Set::copyOf).toList();
    }

    public Optional<ColumnKind> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    public Optional<LookupColumn> lookup(String navigationProperty) {
        return Optional.ofNullable(lookups.get(navigationProperty));
    }

    /** Whether the metadata described the columns, so values can be checked against them. */
    public boolean knowsColumns() {
        return !columns.isEmpty();
    }
}
