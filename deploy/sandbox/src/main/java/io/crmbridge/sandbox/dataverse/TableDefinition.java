package io.crmbridge.sandbox.dataverse;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A table's metadata: names, primary columns, columns, alternate keys and whether change tracking is on.
 * {@link #columns()} is also the layout of the stored rows ({@link Row#values()}), so it only grows: a column a
 * maker adds is appended ({@link #withColumn}); one deleted ({@link #withoutColumn}) keeps its place but is no
 * longer live — not listed, not read, not writable, and a column of the same name added later gets a new place.
 */
final class TableDefinition {

    private final String logicalName;
    private final String schemaName;
    private final String entitySetName;
    private final boolean changeTracking;
    private final List<Column> columns;
    private final List<AlternateKey> keys;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private final Map<String, Integer> lookupPropertyIndex = new HashMap<>();
    private final Map<String, Navigation> navigations = new HashMap<>();
    private final UUID metadataId;
    private final int primaryId;
    private final int primaryName;
    private final BitSet custom;
    private final BitSet removed;

    TableDefinition(String logicalName, String schemaName, String entitySetName, boolean changeTracking,
                    String primaryName, List<Column> columns, List<AlternateKey> keys) {
        this(logicalName, schemaName, entitySetName, changeTracking, primaryName, columns, keys, new BitSet(),
                new BitSet());
    }

    private TableDefinition(String logicalName, String schemaName, String entitySetName, boolean changeTracking,
                            String primaryName, List<Column> columns, List<AlternateKey> keys, BitSet custom,
                            BitSet removed) {
        this.custom = custom;
        this.removed = removed;
        this.logicalName = logicalName;
        this.schemaName = schemaName;
        this.entitySetName = entitySetName;
        this.changeTracking = changeTracking;
        this.columns = List.copyOf(columns);
        this.keys = List.copyOf(keys);
        this.metadataId = UUID.nameUUIDFromBytes(("entity:" + logicalName).getBytes());
        for (int i = 0; i < this.columns.size(); i++) {
            Column column = this.columns.get(i);
            if (removed.get(i)) {
                continue;
            }
            columnIndex.put(column.logicalName(), i);
            if (column.type().isLookup()) {
                lookupPropertyIndex.put(column.lookupProperty(), i);
                for (LookupTarget target : column.targets()) {
                    navigations.put(target.navigationProperty(), new Navigation(i, target));
                }
            }
        }
        this.primaryId = index(logicalName + "id");
        this.primaryName = index(primaryName);
    }

    /** This table with {@code column} appended; the column's logical name must be new to the table. */
    TableDefinition withColumn(Column column) {
        if (columnIndex.containsKey(column.logicalName()) || lookupPropertyIndex.containsKey(column.logicalName())) {
            throw new IllegalArgumentException("table " + logicalName + " has a column " + column.logicalName()
                    + " already");
        }
        List<Column> wider = new java.util.ArrayList<>(columns);
        wider.add(column);
        BitSet added = (BitSet) custom.clone();
        added.set(columns.size());
        return new TableDefinition(logicalName, schemaName, entitySetName, changeTracking, primaryNameName(), wider,
                keys, added, removed);
    }

    /** This table without the live column {@code name}, which must be a custom column added at runtime. */
    TableDefinition withoutColumn(String name) {
        int index = indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("table " + logicalName + " has no column " + name);
        }
        if (!custom.get(index)) {
            throw new IllegalArgumentException("column " + name + " of " + logicalName + " is not a custom column"
                    + " added at runtime; only those can be deleted");
        }
        BitSet gone = (BitSet) removed.clone();
        gone.set(index);
        return new TableDefinition(logicalName, schemaName, entitySetName, changeTracking, primaryNameName(),
                columns, keys, custom, gone);
    }

    /** The indexes of the live columns, in order: what metadata lists and a read without $select returns. */
    int[] liveColumns() {
        return java.util.stream.IntStream.range(0, columns.size()).filter(i -> !removed.get(i)).toArray();
    }

    /** A single-valued navigation property: the lookup column it writes and the table it points to. */
    record Navigation(int column, LookupTarget target) {
    }

    String logicalName() {
        return logicalName;
    }

    String schemaName() {
        return schemaName;
    }

    String entitySetName() {
        return entitySetName;
    }

    boolean changeTracking() {
        return changeTracking;
    }

    UUID metadataId() {
        return metadataId;
    }

    List<Column> columns() {
        return columns;
    }

    List<AlternateKey> keys() {
        return keys;
    }

    Column column(int index) {
        return columns.get(index);
    }

    int primaryIdIndex() {
        return primaryId;
    }

    int primaryNameIndex() {
        return primaryName;
    }

    String primaryIdName() {
        return columns.get(primaryId).logicalName();
    }

    String primaryNameName() {
        return columns.get(primaryName).logicalName();
    }

    /** Index of the column with this logical name, or -1. */
    int indexOf(String logicalName) {
        return columnIndex.getOrDefault(logicalName, -1);
    }

    /** Index of the column a property name denotes in queries: a logical name or a lookup's {@code _x_value}. */
    int propertyIndex(String property) {
        Integer lookup = lookupPropertyIndex.get(property);
        return lookup != null ? lookup : columnIndex.getOrDefault(property, -1);
    }

    Optional<Navigation> navigation(String property) {
        return Optional.ofNullable(navigations.get(property));
    }

    Map<String, Navigation> navigations() {
        return navigations;
    }

    /** The name a column has in payloads: its logical name, or {@code _x_value} for a lookup. */
    String propertyName(int index) {
        Column column = columns.get(index);
        return column.type().isLookup() ? column.lookupProperty() : column.logicalName();
    }

    private int index(String name) {
        Integer index = columnIndex.get(name);
        if (index == null) {
            throw new IllegalArgumentException(logicalName + " has no column " + name);
        }
        return index;
    }
}
