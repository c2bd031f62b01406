package io.crmbridge.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

import io.crmbridge.schemas.registry.SchemaRegistry;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer writing Avro records — generated classes ({@code io.crmbridge.events}), {@code GenericRecord}s
 * and primitives — in Confluent's wire format, configured with Confluent's keys ({@code schema.registry.url},
 * {@code auto.register.schemas}, {@code use.latest.version}, {@code latest.compatibility.strict},
 * {@code key.subject.name.strategy}/{@code value.subject.name.strategy}, {@code basic.auth.*}), so a consumer using
 * Confluent's {@code KafkaAvroDeserializer} reads what it writes, and switching to Confluent's serializer is a
 * change of class name. A null value stays null (a tombstone). Thread-safe, as producers need.
 */
public class AvroSerializer<T> implements Serializer<T> {

    private SchemaRegistry registry;
    private volatile WriteTargets targets;

    /** For Kafka's {@code value.serializer} / {@code key.serializer}: {@link #configure} connects to the registry. */
    public AvroSerializer() {
        EventsPackageTrust.ensure();
    }

    /** With a given registry; {@link #configure} then reads only the serde settings. */
    public AvroSerializer(SchemaRegistry registry) {
        this();
        this.registry = registry;
        this.targets = new WriteTargets(registry, SerdeSettings.defaults(false));
    }

    public AvroSerializer(SchemaRegistry registry, Map<String, ?> configs, boolean isKey) {
        this(registry);
        configure(configs, isKey);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeSettings settings = SerdeSettings.from(configs, isKey);
        if (registry == null) {
            registry = SchemaRegistry.connect(configs);
        }
        targets = new WriteTargets(registry, settings);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        WriteTargets configured = targets;
        if (configured == null) {
            throw new IllegalStateException("AvroSerializer used before configure()");
        }
        Object datum = data instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : data;
        WriteTarget target = configured.of(topic, DatumSchemas.of(datum));
        try {
            return target.frame(datum);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not serialize a " + data.getClass().getName() + " for topic '"
                    + topic + "' with schema id " + target.id + ": " + e, e);
        }
    }

    /** The schema a datum is written with. */
    static final class DatumSchemas {
        private static final Map<Class<?>, Schema> PRIMITIVES = Map.of(
                String.class, Schema.create(Schema.Type.STRING),
                Integer.class, Schema.create(Schema.Type.INT),
                Long.class, Schema.create(Schema.Type.LONG),
                Boolean.class, Schema.create(Schema.Type.BOOLEAN),
                Float.class, Schema.create(Schema.Type.FLOAT),
                Double.class, Schema.create(Schema.Type.DOUBLE));
        private static final Schema STRING = PRIMITIVES.get(String.class);
        private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

        private DatumSchemas() {
        }

        static Schema of(Object datum) {
            if (datum instanceof GenericContainer container) {
                return container.getSchema();
            }
            Schema primitive = PRIMITIVES.get(datum.getClass());
            if (primitive != null) {
                return primitive;
            }
            if (datum instanceof CharSequence) {
                return STRING;
            }
            if (datum instanceof ByteBuffer) {
                return BYTES;
            }
            throw new SerializationException("Cannot serialize a " + datum.getClass().getName() + " as Avro: "
                    + "expected a generated record, a GenericRecord or a primitive (string, int, long, boolean, "
                    + "float, double, bytes)");
        }
    }
}
