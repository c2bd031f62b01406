package io.crmbridge.sandbox.dataverse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An {@link EntityKey} checked against a table: either a primary key, or alternate key {@code key} with its
 * normalised index {@code values} and the typed column values (copied into a row an upsert creates).
 */
record ResolvedKey(UUID id, int key, List<Object> values, Map<Integer, Object> columnValues) {

    static ResolvedKey of(TableDefinition table, EntityKey key) {
        if (key instanceof EntityKey.PrimaryKey primary) {
            return new ResolvedKey(primary.id(), -1, null, Map.of());
        }
        Map<String, Object> parts = ((EntityKey.AlternateKeyValues) key).parts();
        if (parts.size() == 1 && parts.containsKey(table.primaryIdName())
                && parts.get(table.primaryIdName()) instanceof UUID id) {
            return new ResolvedKey(id, -1, null, Map.of());
        }
        for (int k = 0; k < table.keys().size(); k++) {
            AlternateKey alternate = table.keys().get(k);
            if (new HashSet<>(alternate.columns()).equals(names(table, parts.keySet()))) {
                return alternate(table, k, alternate, parts);
            }
        }
        throw DataverseError.badRequest("Invalid key specified for entity " + table.logicalName() + ": "
                + String.join(",", parts.keySet()) + " is not an alternate key of the entity.");
    }

    boolean byPrimaryKey() {
        return key < 0;
    }

    Optional<Row> find(Transaction tx, Rows rows) {
        return byPrimaryKey() ? tx.find(rows, id) : tx.findByKey(rows, key, values);
    }

    Optional<Row> find(Rows rows) {
        UUID found = byPrimaryKey() ? id : rows.idByKey(key, values);
        return Optional.ofNullable(found == null ? null : rows.get(found));
    }

    DataverseError notFound(TableDefinition table) {
        return byPrimaryKey() ? DataverseError.notFound(table, id) : DataverseError.keyNotFound(table);
    }

    private static Set<String> names(TableDefinition table, Set<String> properties) {
        Set<String> names = new HashSet<>();
        for (String property : properties) {
            int index = table.propertyIndex(property);
            names.add(index < 0 ? property : table.column(index).logicalName());
        }
        return names;
    }

    private static ResolvedKey alternate(TableDefinition table, int k, AlternateKey alternate,
                                         Map<String, Object> parts) {
        Map<Integer, Object> columnValues = new LinkedHashMap<>();
        parts.forEach((property, literal) -> {
            int index = table.propertyIndex(property);
            columnValues.put(index, typed(table, table.column(index), literal));
        });
        List<Object> values = new ArrayList<>();
        for (String column : alternate.columns()) {
            Object value = columnValues.get(table.indexOf(column));
            values.add(value instanceof String text ? text.toLowerCase(Locale.ROOT)
                    : value instanceof RecordRef ref ? ref.id() : value);
        }
        return new ResolvedKey(null, k, values, columnValues);
    }

    private static Object typed(TableDefinition table, Column column, Object literal) {
        Object value = switch (column.type()) {
            case STRING, MEMO -> literal instanceof String ? literal : null;
            case INTEGER, CHOICE, STATE, STATUS -> literal instanceof BigDecimal number ? number.intValueExact() : null;
            case BIGINT -> literal instanceof BigDecimal number ? number.longValueExact() : null;
            case DECIMAL, MONEY -> literal instanceof BigDecimal ? literal : null;
            case LOOKUP, CUSTOMER -> literal instanceof UUID id
                    ? new RecordRef(column.targets().get(0).table(), id) : null;
            case UNIQUEIDENTIFIER -> literal instanceof UUID ? literal : null;
            default -> literal;
        };
        if (value == null) {
            throw DataverseError.badRequest("The key value " + literal + " is not valid for the attribute "
                    + column.logicalName() + " of " + table.logicalName() + ".");
        }
        return value;
    }
}
