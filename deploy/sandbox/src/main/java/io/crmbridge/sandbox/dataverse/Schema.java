package io.crmbridge.sandbox.dataverse;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tables of an org and the relationships between them (collection-valued navigation properties). */
final class Schema {

    private final Map<String, TableDefinition> byLogicalName = new LinkedHashMap<>();
    private final Map<String, TableDefinition> byEntitySet = new LinkedHashMap<>();
    private final Map<String, CollectionNavigation> collections = new LinkedHashMap<>();

    /**
     * A one-to-many relationship seen from the referenced table, e.g. {@code account.contact_customer_accounts}:
     * associating a contact to it sets the contact's {@code parentcustomerid}.
     */
    record CollectionNavigation(TableDefinition referencing, int lookupColumn) {
    }

    Schema(List<TableDefinition> tables) {
        for (TableDefinition table : tables) {
            byLogicalName.put(table.logicalName(), table);
            byEntitySet.put(table.entitySetName(), table);
        }
        for (TableDefinition table : tables) {
            for (TableDefinition.Navigation navigation : table.navigations().values()) {
                LookupTarget target = navigation.target();
                collections.put(target.table() + "/" + target.collectionProperty(),
                        new CollectionNavigation(table, navigation.column()));
            }
        }
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
