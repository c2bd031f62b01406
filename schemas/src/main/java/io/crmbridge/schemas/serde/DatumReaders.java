package io.crmbridge.schemas.serde;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.schemas.registry.SchemaRegistry;
import io.crmbridge.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The datum reader for each writer schema id, made once: the writer schema comes from the registry, the reader
 * schema is the generated class's (specific.avro.reader), the subject's latest (use.latest.version) or the
 * writer's own. Where they differ Avro's schema resolution bridges them, which is what makes evolution work.
 */
final class DatumReaders {

    private final SchemaRegistry registry;
    private final SerdeSettings settings;
    private final GenericData genericData;
    private final Map<Object, GenericDatumReader<Object>> readers = new ConcurrentHashMap<>();
    private final Map<String, Schema> latestBySubject = new ConcurrentHashMap<>();
    // Consumers read long runs of one schema id: skip even the map lookup for those.
    private volatile Recent recent;

    private record TopicId(String topic, int id) {
    }

    private record Recent(String topic, int id, GenericDatumReader<Object> reader) {
    }

    DatumReaders(SchemaRegistry registry, SerdeSettings settings) {
        this.registry = registry;
        this.settings = settings;
        this.genericData = GenericModels.of(settings);
    }

    GenericDatumReader<Object> forId(String topic, int id) {
        Recent last = recent;
        // With use.latest.version the reader schema depends on the topic's subject, not only on the id.
        boolean byTopic = settings.useLatestVersion();
        if (last != null && last.id == id && (!byTopic || Objects.equals(last.topic, topic))) {
            return last.reader;
        }
        Object key = byTopic ? new TopicId(topic, id) : Integer.valueOf(id);
        GenericDatumReader<Object> reader = readers.get(key);
        if (reader == null) {
            reader = create(topic, id);
            readers.put(key, reader);
        }
        recent = new Recent(topic, id, reader);
        return reader;
    }

    private GenericDatumReader<Object> create(String topic, int id) {
        Schema writer = writerSchema(topic, id);
        if (settings.specificReader()) {
            Class<?> type = specificType(writer, id);
            if (type != null) {
                SpecificData model = SpecificData.getForClass(type);
                return new SpecificDatumReader<>(writer, model.getSchema(type), model);
            }
        }
        Schema reader = settings.useLatestVersion() ? latest(topic, writer) : writer;
        return new GenericDatumReader<>(writer, reader, genericData);
    }

    private Schema writerSchema(String topic, int id) {
        try {
            return registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                throw new SerializationException("Unknown schema id " + id + " on topic '" + topic
                        + "': the schema registry has no schema with that id", e);
            }
            throw new SerializationException("Could not fetch schema id " + id + " for topic '" + topic
                    + "' from the schema registry: " + e.getMessage(), e);
        }
    }

    private Class<?> specificType(Schema writer, int id) {
        if (settings.specificType() != null) {
            return settings.specificType();
        }
        if (writer.getType() != Schema.Type.RECORD) {
            return null; // primitives have no generated class: read them as they are
        }
        Class<?> type;
        try {
            type = SpecificData.get().getClass(writer);
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot read schema id " + id + " into " + writer.getFullName()
                    + ": " + e.getMessage(), e);
        }
        if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
            throw new SerializationException("specific.avro.reader=true but no generated class "
                    + writer.getFullName() + " is on the classpath for schema id " + id);
        }
        return type;
    }

    private Schema latest(String topic, Schema writer) {
        String subject = settings.strategy().subjectName(topic, settings.isKey(), writer);
        try {
            return latestBySubject.computeIfAbsent(subject, s -> registry.latest(s).schema());
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Could not find the latest version of subject '" + subject
                    + "' (use.latest.version=true): " + e.getMessage(), e);
        }
    }
}
