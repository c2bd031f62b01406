package io.crmbridge.sandbox.dataverse;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes staged against an org while its write lock is held, applied together by {@link #commit()} or not at
 * all. Reads inside the transaction see its own staged writes; readers outside see nothing until commit, so a
 * change set that fails halfway leaves no trace (no dirty reads, no tombstones for rolled-back creates).
 */
final class Transaction {

    private final Org org;
    private final Instant now;
    private final Map<Rows, Map<UUID, Staged>> staged = new LinkedHashMap<>();

    /** The state a transaction gives a row: {@code after} null means deleted (with {@code deleteVersion}). */
    private record Staged(Row before, Row after, long deleteVersion) {
    }

    Transaction(Org org, Instant now) {
        this.org = org;
        this.now = now;
    }

    Instant now() {
        return now;
    }

    Org org() {
        return org;
    }

    Optional<Row> find(Rows rows, UUID id) {
        Staged change = changes(rows).get(id);
        if (change != null) {
            return Optional.ofNullable(change.after());
        }
        return Optional.ofNullable(rows.get(id));
    }

    Optional<Row> findByKey(Rows rows, int key, List<Object> values) {
        Map<UUID, Staged> changes = changes(rows);
        for (Staged change : changes.values()) {
            if (change.after() != null && values.equals(rows.keyValues(key, change.after().values()))) {
                return Optional.of(change.after());
            }
        }
        UUID id = rows.idByKey(key, values);
        if (id == null || changes.containsKey(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(rows.get(id));
    }

    Row insert(Rows rows, UUID id, Object[] values) {
        if (find(rows, id).isPresent()) {
            throw DataverseError.duplicateRecord();
        }
        Row row = versioned(rows, id, values);
        Staged previous = changes(rows).get(id);
        changes(rows).put(id, new Staged(previous == null ? null : previous.before(), row, 0));
        return row;
    }

    Row replace(Rows rows, Row current, Object[] values) {
        Row row = versioned(rows, current.id(), values);
        Staged previous = changes(rows).get(current.id());
        changes(rows).put(current.id(), new Staged(previous == null ? current : previous.before(), row, 0));
        return row;
    }

    void delete(Rows rows, Row current) {
        Staged previous = changes(rows).get(current.id());
        Row before = previous == null ? current : previous.before();
        changes(rows).put(current.id(), new Staged(before, null, org.nextVersion()));
    }

    /** Applies every staged write; called by the org with its write lock held. */
    void commit() {
        staged.forEach((rows, changes) -> {
            for (Staged change : changes.values()) {
                if (change.after() != null) {
                    rows.put(change.before(), change.after());
                } else if (change.before() != null) {
                    rows.remove(change.before(), change.deleteVersion(), now);
                }
            }
            rows.pruneTombstones(now.minus(org.settings().changeTrackingRetention()));
        });
    }

    private Row versioned(Rows rows, UUID id, Object[] values) {
        checkKeys(rows, id, values);
        long version = org.nextVersion();
        long etag = org.nextEtag();
        TableDefinition table = rows.definition();
        values[table.primaryIdIndex()] = id;
        values[table.indexOf("versionnumber")] = etag;
        return new Row(id, version, etag, values);
    }

    private void checkKeys(Rows rows, UUID id, Object[] values) {
        for (int key = 0; key < rows.keyCount(); key++) {
            List<Object> keyValues = rows.keyValues(key, values);
            if (keyValues == null) {
                continue;
            }
            Optional<Row> holder = findByKey(rows, key, keyValues);
            if (holder.isPresent() && !Objects.equals(holder.get().id(), id)) {
                throw DataverseError.duplicateKey(org.settings().duplicateKeyStatus(), rows.definition().keys().get(key));
            }
        }
    }

    private Map<UUID, Staged> changes(Rows rows) {
        return staged.computeIfAbsent(rows, r -> new LinkedHashMap<>());
    }
}
