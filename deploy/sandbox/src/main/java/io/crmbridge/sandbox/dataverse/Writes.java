package io.crmbridge.sandbox.dataverse;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

import tools.jackson.databind.JsonNode;

/**
 * Create, update and delete as Dataverse performs them, inside a {@link Transaction}: defaults, platform columns
 * (createdon, modifiedon, fullname), {@code @odata.bind} resolution and the upsert rules for alternate keys.
 * Shared by the Web API, {@code $batch} and the in-process {@link Table} API.
 */
final class Writes {

    private final Org org;

    Writes(Org org) {
        this.org = org;
    }

    /** Creates a row; {@code urlKey} is the key of an upsert URL (its values fill in what the body lacks). */
    Row create(Transaction tx, Rows rows, JsonNode body, ResolvedKey urlKey) {
        TableDefinition table = rows.definition();
        RecordPayload payload = RecordPayload.read(table, body, binder(tx));
        UUID id = urlKey != null && urlKey.byPrimaryKey() ? urlKey.id()
                : payload.primaryKey().orElseGet(Writes::newId);
        Object[] values = new Object[table.columns().size()];
        values[table.indexOf("statecode")] = first(table, "statecode");
        values[table.indexOf("statuscode")] = first(table, "statuscode");
        if (urlKey != null) {
            urlKey.columnValues().forEach((column, value) -> values[column] = value);
        }
        payload.values().forEach((column, value) -> values[column] = value);
        values[table.indexOf("createdon")] = tx.now();
        return tx.insert(rows, id, stamped(table, values, tx));
    }

    /** Updates a row; with {@code keepKeys}, key columns in the body are dropped (upsert through an alternate key). */
    Row update(Transaction tx, Rows rows, Row current, JsonNode body, ResolvedKey keepKeys) {
        TableDefinition table = rows.definition();
        RecordPayload payload = RecordPayload.read(table, body, binder(tx));
        Object[] values = widened(table, current);
        payload.values().forEach((column, value) -> {
            if (keepKeys == null || !keepKeys.columnValues().containsKey(column)) {
                values[column] = value;
            }
        });
        return tx.replace(rows, current, stamped(table, values, tx));
    }

    /** Sets or clears one lookup column ({@code $ref} association). */
    Row setLookup(Transaction tx, Rows rows, Row current, int column, RecordRef target) {
        Object[] values = widened(rows.definition(), current);
        values[column] = target;
        return tx.replace(rows, current, stamped(rows.definition(), values, tx));
    }

    void delete(Transaction tx, Rows rows, Row current) {
        tx.delete(rows, current);
    }

    /** Resolves a reference such as {@code /accounts(<id>)} to a row the navigation property may point to. */
    RecordRef resolve(Transaction tx, TableDefinition.Navigation navigation, String reference) {
        RecordAddress address = RecordAddress.parse(reference);
        TableDefinition target = org.schema().byEntitySet(address.entitySet())
                .orElseThrow(() -> DataverseError.resourceNotFound(address.entitySet()));
        if (!target.logicalName().equals(navigation.target().table())) {
            throw DataverseError.badRequest("The navigation property '" + navigation.target().navigationProperty()
                    + "' cannot refer to a record of type '" + target.logicalName() + "'.");
        }
        ResolvedKey key = ResolvedKey.of(target, address.key());
        Row row = key.find(tx, org.rows(target)).orElseThrow(() -> key.notFound(target));
        return new RecordRef(target.logicalName(), row.id());
    }

    private BiFunction<TableDefinition.Navigation, String, RecordRef> binder(Transaction tx) {
        return (navigation, reference) -> resolve(tx, navigation, reference);
    }

    /**
     * A random (version 4) UUID from ThreadLocalRandom: ids need to be unique, not unguessable, and
     * {@link UUID#randomUUID()} serialises every caller on one SecureRandom.
     */
    static UUID newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** A copy of the row's values as long as the table is now: columns added since it was written start null. */
    private static Object[] widened(TableDefinition table, Row current) {
        return java.util.Arrays.copyOf(current.values(), table.columns().size());
    }

    private static Object[] stamped(TableDefinition table, Object[] values, Transaction tx) {
        values[table.indexOf("modifiedon")] = tx.now();
        int fullname = table.indexOf("fullname");
        if (fullname >= 0) {
            values[fullname] = fullName(values[table.indexOf("firstname")], values[table.indexOf("lastname")]);
        }
        return values;
    }

    private static String fullName(Object first, Object last) {
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        return name.isEmpty() ? null : name;
    }

    private static Integer first(TableDefinition table, String column) {
        Map<Integer, String> options = table.column(table.indexOf(column)).options();
        return options.keySet().iterator().next();
    }
}
