package io.crmbridge.sandbox.dataverse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The stored rows of one table in one org, indexed four ways: by primary key, hashed for point reads and sorted
 * because queries page in primary-key order; by version (a delta of k changes reads k entries, never the whole table) and by alternate key.
 * Deleted rows stay as tombstones, by version, for change tracking. Readers need no lock; writers are
 * serialised by the org's write lock ({@link Transaction#commit}).
 */
final class Rows {

    private volatile TableDefinition definition;
    private final ConcurrentHashMap<UUID, Row> lookup = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<UUID, Row> byId = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, Row> byVersion = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, Tombstone> tombstones = new ConcurrentSkipListMap<>();
    private final List<int[]> keyColumns = new ArrayList<>();
    private final List<ConcurrentHashMap<List<Object>, UUID>> keyIndexes = new ArrayList<>();
    private volatile int count;

    Rows(TableDefinition definition) {
        this.definition = definition;
        for (AlternateKey key : definition.keys()) {
            keyColumns.add(key.columns().stream().mapToInt(definition::indexOf).toArray());
            keyIndexes.add(new ConcurrentHashMap<>());
        }
    }

    TableDefinition definition() {
        return definition;
    }

    /**
     * Replaces the definition with one whose layout starts with the current one (a column added or deleted at
     * runtime); stored rows keep their values, added columns read as null ({@link Row#value}). Called under the
     * org's write lock only.
     */
    void redefine(TableDefinition wider) {
        if (!wider.keys().equals(definition.keys())) {
            throw new IllegalArgumentException("redefining " + definition.logicalName() + " cannot change its keys");
        }
        definition = wider;
    }

    Row get(UUID id) {
        return lookup.get(id);
    }

    int count() {
        return count;
    }

    /** Live rows in primary-key order. */
    NavigableMap<UUID, Row> byId() {
        return byId;
    }

    /** Live rows whose last write has a version in {@code (after, upTo]}, in version order. */
    NavigableMap<Long, Row> changed(long after, long upTo) {
        return byVersion.subMap(after, false, upTo, true);
    }

    /** Rows deleted with a version in {@code (after, upTo]}, in version order. */
    NavigableMap<Long, Tombstone> deleted(long after, long upTo) {
        return tombstones.subMap(after, false, upTo, true);
    }

    UUID idByKey(int key, List<Object> values) {
        return keyIndexes.get(key).get(values);
    }

    int keyCount() {
        return keyColumns.size();
    }

    /**
     * The values of alternate key {@code key} in {@code values}, normalised as SQL's case-insensitive collation
     * compares them; null when a part is empty (such rows are not indexed).
     */
    List<Object> keyValues(int key, Object[] values) {
        int[] columns = keyColumns.get(key);
        Object[] parts = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            Object value = values[columns[i]];
            if (value == null) {
                return null;
            }
            parts[i] = value instanceof String text ? text.toLowerCase(Locale.ROOT)
                    : value instanceof RecordRef ref ? ref.id() : value;
        }
        return Arrays.asList(parts);
    }

    /** Stores a new or changed row. Called under the org's write lock only. */
    void put(Row before, Row after) {
        if (before != null) {
            byVersion.remove(before.version());
            unindex(before);
        } else {
            count++;
        }
        lookup.put(after.id(), after);
        byId.put(after.id(), after);
        byVersion.put(after.version(), after);
        for (int key = 0; key < keyColumns.size(); key++) {
            List<Object> values = keyValues(key, after.values());
            if (values != null) {
                keyIndexes.get(key).put(values, after.id());
            }
        }
    }

    /** Deletes a row, leaving a tombstone. Called under the org's write lock only. */
    void remove(Row before, long version, Instant at) {
        lookup.remove(before.id());
        byId.remove(before.id());
        byVersion.remove(before.version());
        unindex(before);
        count--;
        tombstones.put(version, new Tombstone(before.id(), version, at));
    }

    /** Forgets deletions older than the retention period: no valid delta token can still need them. */
    void pruneTombstones(Instant olderThan) {
        while (true) {
            var first = tombstones.firstEntry();
            if (first == null || !first.getValue().deletedAt().isBefore(olderThan)) {
                return;
            }
            tombstones.remove(first.getKey());
        }
    }

    private void unindex(Row row) {
        for (int key = 0; key < keyColumns.size(); key++) {
            List<Object> values = keyValues(key, row.values());
            if (values != null) {
                keyIndexes.get(key).remove(values, row.id());
            }
        }
    }
}
