package io.crmbridge.sandbox.dataverse;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of an org and the relationships between them (collection-valued navigation properties). A table may be
 * added, or a table's definition replaced, while the org serves requests ({@link #add}, {@link #replace}, as a
 * maker creates a table or a column): the maps are replaced, never changed,
 * so readers take no lock.
 */
final class Schema {

    private volatile Map<String, TableDefinition> byLogicalName = new LinkedHashMap<>();
    private volatile Map<String, TableDefinition> byEntitySet = new LinkedHashMap<>();
    private volatile Map<String, CollectionNavigation> collections = new LinkedHashMap<>();

    /**
     * A one-to-many relationship seen from the referenced table, e.g. {@code account.contact_customer_accounts}:
     * associating a contact to it sets the contact's {@code parentcustomerid}.
     */
    record CollectionNavigation(TableDefinition referencing, int lookupColumn) {
    }

    Schema(List<TableDefinition> tables) {
        index(tables);
    }

    /** Adds a table; its logical name and entity set must be new to the org. */
    synchronized void add(TableDefinition table) {
        if (byLogicalName.containsKey(table.logicalName()) || byEntitySet.containsKey(table.entitySetName())) {
            throw new IllegalArgumentException("table " + table.logicalName() + " (" + table.entitySetName()
                    + ") exists already");
        }
        List<TableDefinition> tables = new java.util.ArrayList<>(byLogicalName.values());
        tables.add(table);
        index(tables);
    }

    /** Replaces a table's definition by one of the same name (a column added); readers see the old or the new. */
    synchronized void replace(TableDefinition table) {
        if (!byLogicalName.containsKey(table.logicalName())) {
            throw new IllegalArgumentException("no table " + table.logicalName());
        }
        List<TableDefinition> tables = new java.util.ArrayList<>(byLogicalName.values());
        tables.replaceAll(existing -> existing.logicalName().equals(table.logicalName()) ? table : existing);
        index(tables);
    }

    private void index(List<TableDefinition> tables) {
        Map<String, TableDefinition> logical = new LinkedHashMap<>();
        Map<String, TableDefinition> sets = new LinkedHashMap<>();
        Map<String, CollectionNavigation> navigations = new LinkedHashMap<>();
        for (TableDefinition table : tables) {
            logical.put(table.logicalName(), table);
            sets.put(table.entitySetName(), table);
        }
        for (TableDefinition table : tables) {
            for (TableDefinition.Navigation navigation : table.navigations().values()) {
                LookupTarget target = navigation.target();
                navigations.put(target.table() + "/" + target.collectionProperty(),
                        new CollectionNavigation(table, navigation.column()));
            }
        }
        byEntitySet = sets;
        collections = navigations;
        byLogicalName = logical;
    }

    Optional<TableDefinition> byLogicalName(String logicalName) {
        return Optional.ofNullable(byLogicalName.get(logicalName));
    }

    Optional<TableDefinition> byEntitySet(String entitySet) {
        return Optional.ofNullable(byEntitySet.get(entitySet));
    }

    TableDefinition table(String logicalName) {
        return byLogicalName(logicalName)
                .orElseThrow(() -> new IllegalArgumentException("no table " + logicalName));
    }

    Optional<CollectionNavigation> collection(TableDefinition referenced, String property) {
        return Optional.ofNullable(collections.get(referenced.logicalName() + "/" + property));
    }

    Collection<TableDefinition> tables() {
        return byLogicalName.values();
    }
}
