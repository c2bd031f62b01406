package io.crmbridge.poller.events;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.poller.capture.CapturedChange;
import io.crmbridge.poller.capture.ChangeRecords;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.ChangeKind;
import io.crmbridge.poller.typed.ChangeSource;
import io.crmbridge.poller.typed.Operation;
import io.crmbridge.poller.typed.SchemaNames;
import io.crmbridge.poller.typed.TypedSchemas;
import io.crmbridge.poller.typed.TypedValues;
import io.crmbridge.schemas.registry.Compatibility;
import io.crmbridge.schemas.registry.SchemaRegistry;
import org.apache.avro.generic.GenericRecord;

/**
 * TYPED changes as Debezium's envelope and a primary-key record, with the schemas of their table built from its
 * metadata ({@link TypedSchemas}). The schemas of a subscription are built once per table metadata: when the
 * metadata changes (a column added or removed), the new row schema keeps every field of the one before
 * ({@link TypedSchemas#evolved}), so each version can read the other's data. Before a topic's first record its key
 * and value subjects get the compatibility FULL, set explicitly (registries differ in their default), so a
 * registration that would break a reader either way is refused rather than published.
 */
final class TypedChangeEvents {

    private final String prefix;
    private final SchemaRegistry registry;
    private final Map<SubscriptionKey, Built> built = new ConcurrentHashMap<>();
    private final Set<String> configuredTopics = ConcurrentHashMap.newKeySet();

    /** What one subscription's events are built with, and from which metadata, columns and labels setting. */
    private record Built(TableMetadata metadata, List<String> columns, boolean labels, TypedSchemas schemas,
                         TypedValues values) {
    }

    /**
     * @param prefix   the schemas' namespace prefix (the topic prefix)
     * @param registry where the compatibility of the typed subjects is set; null: left to the registry
     */
    TypedChangeEvents(String prefix, SchemaRegistry registry) {
        this.prefix = prefix;
        this.registry = registry;
    }

    ChangeRecords.Keyed event(CapturedChange change, String topic) {
        compatibility(topic);
        TypedValues values = values(change);
        String recordId = change.recordId();
        Operation op = switch (change.kind()) {
            case CREATED -> Operation.CREATE;
            case UPDATED -> Operation.UPDATE;
            case DELETED -> Operation.DELETE;
            case SNAPSHOT -> Operation.READ;
        };
        GenericRecord before = op == Operation.DELETE ? values.keyOnlyRow(recordId) : null;
        GenericRecord after = op == Operation.DELETE ? null
                : values.row(change.attributes(), change.formattedValues());
        ChangeSource source = new ChangeSource(change.subscription().connection().value(),
                change.table().orgUrl().toString(), change.subscription().entity(), change.version(),
                change.changedAt(), change.source().name(), change.kind() == ChangeKind.SNAPSHOT
                ? ChangeSource.Snapshot.TRUE : ChangeSource.Snapshot.FALSE);
        return new ChangeRecords.Keyed(values.key(recordId),
                values.envelope(op, before, after, source, change.capturedAt()));
    }

    private TypedValues values(CapturedChange change) {
        TableMetadata metadata = change.table().metadata();
        return built.compute(change.subscription(), (key, previous) -> {
            // The feed hands out one metadata instance until it reads the table anew: identity settles nearly every
            // change without comparing every column of the table.
            if (previous != null && (previous.metadata() == metadata || previous.metadata().equals(metadata))
                    && previous.columns().equals(change.columns()) && previous.labels() == change.labels()) {
                return previous;
            }
            TypedSchemas schemas = TypedSchemas.of(SchemaNames.underTopicPrefix(prefix, key.connection(), key.entity()), metadata,
                    change.columns(), change.labels());
            if (previous != null) {
                schemas = schemas.evolved(previous.schemas().row());
            }
            return new Built(metadata, change.columns(), change.labels(), schemas, TypedValues.of(schemas));
        }).values();
    }

    private void compatibility(String topic) {
        if (registry != null && configuredTopics.add(topic)) {
            try {
                registry.setCompatibility(topic + "-key", Compatibility.FULL);
                registry.setCompatibility(topic + "-value", Compatibility.FULL);
            } catch (RuntimeException e) {
                configuredTopics.remove(topic);
                throw e;
            }
        }
    }
}
