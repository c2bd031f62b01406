package io.crmbridge.sandbox.dataverse;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * In-process access to one table of an org, for tests, the admin API and the traffic generator. Writes go through
 * the same rules as the Web API (validation, versions, change tracking) and fail with {@link DataverseError}.
 *
 * <p>Values are plain Java: String, Integer, Long, BigDecimal, Double, Boolean, Instant (or an ISO string),
 * choice values as Integer, multi-select choices as a collection of Integer; a single-target lookup is set with its
 * column name and the target's UUID ({@code "primarycontactid" -> uuid}), any lookup with
 * {@code "<navigation>@odata.bind" -> "/contacts(<uuid>)"}. {@link #get} returns lookups as
 * {@code _<column>_value -> UUID}.
 */
public final class Table {

    private final Org org;
    private final Rows rows;

    Table(Org org, Rows rows) {
        this.org = org;
        this.rows = rows;
    }

    public String logicalName() {
        return rows.definition().logicalName();
    }

    public String entitySetName() {
        return rows.definition().entitySetName();
    }

    /** Creates a row and returns its id (the primary key column in {@code values} sets it, else a new one). */
    public UUID create(Map<String, Object> values) {
        ObjectNode body = json(values);
        return org.write(tx -> org.writes().create(tx, rows, body, null)).id();
    }

    /** Updates the given columns; fails with 404 (0x80040217) if the row does not exist. */
    public void update(UUID id, Map<String, Object> values) {
        ObjectNode body = json(values);
        org.write(tx -> {
            Row current = tx.find(rows, id).orElseThrow(() -> DataverseError.notFound(rows.definition(), id));
            return org.writes().update(tx, rows, current, body, null);
        });
    }

    /** Deletes a row; fails with 404 (0x80040217) if it does not exist. */
    public void delete(UUID id) {
        org.write(tx -> {
            Row current = tx.find(rows, id).orElseThrow(() -> DataverseError.notFound(rows.definition(), id));
            org.writes().delete(tx, rows, current);
            return current;
        });
    }

    /** The row's columns by logical name (lookups as {@code _x_value}), including versionnumber. */
    public Optional<Map<String, Object>> get(UUID id) {
        Row row = rows.get(id);
        if (row == null) {
            return Optional.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        TableDefinition table = rows.definition();
        for (int i : table.liveColumns()) {
            Object value = row.value(i);
            values.put(table.propertyName(i), value instanceof RecordRef ref ? ref.id()
                    : value instanceof int[] options ? java.util.Arrays.stream(options).boxed().toList() : value);
        }
        return Optional.of(values);
    }

    public int count() {
        return rows.count();
    }

    private ObjectNode json(Map<String, Object> values) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        TableDefinition table = rows.definition();
        values.forEach((name, value) -> {
            int column = table.indexOf(name);
            if (column >= 0 && table.column(column).type().isLookup() && value instanceof UUID id) {
                LookupTarget target = table.column(column).targets().get(0);
                String set = org.schema().table(target.table()).entitySetName();
                body.put(target.navigationProperty() + "@odata.bind", "/" + set + "(" + id + ")");
            } else {
                put(body, name, value);
            }
        });
        return body;
    }

    private static void put(ObjectNode body, String name, Object value) {
        if (value == null) {
            body.putNull(name);
        } else if (value instanceof String || value instanceof UUID) {
            body.put(name, value.toString());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            body.put(name, ((Number) value).longValue());
        } else if (value instanceof BigDecimal decimal) {
            body.put(name, decimal);
        } else if (value instanceof Number number) {
            body.put(name, number.doubleValue());
        } else if (value instanceof Boolean flag) {
            body.put(name, flag);
        } else if (value instanceof java.time.LocalDate date) {
            body.put(name, date.toString());
        } else if (value instanceof Instant || value instanceof TemporalAccessor) {
            body.put(name, value instanceof Instant ? value.toString() : Instant.from((TemporalAccessor) value).toString());
        } else if (value instanceof Collection<?> items) {
            ArrayNode array = body.putArray(name);
            items.forEach(item -> array.add(String.valueOf(item)));
        } else if (value instanceof int[] items) {
            ArrayNode array = body.putArray(name);
            for (int item : items) {
                array.add(String.valueOf(item));
            }
        } else {
            throw new IllegalArgumentException("unsupported value type for " + name + ": " + value.getClass());
        }
    }
}
