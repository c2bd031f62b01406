package io.crmbridge.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import io.crmbridge.schemas.registry.SchemaRegistry;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for Confluent's wire format, configured with Confluent's keys: {@code specific.avro.reader}
 * (false: {@code GenericRecord}; true: the generated class named by the writer schema, or
 * {@code specific.avro.value.type}), {@code use.latest.version}, {@code schema.registry.url}, {@code basic.auth.*}.
 * Reads whatever a Confluent {@code KafkaAvroSerializer} wrote. A null value stays null (a tombstone); anything
 * that is not a well-formed record of its writer schema is a {@link SerializationException} saying what is wrong.
 */
public class AvroDeserializer<T> implements Deserializer<T> {

    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    private SchemaRegistry registry;
    private volatile DatumReaders readers;

    /** For Kafka's {@code value.deserializer} / {@code key.deserializer}: {@link #configure} connects. */
    public AvroDeserializer() {
        EventsPackageTrust.ensure();
    }

    /** With a given registry; {@link #configure} then reads only the serde settings. */
    public AvroDeserializer(SchemaRegistry registry) {
        this();
        this.registry = registry;
        this.readers = new DatumReaders(registry, SerdeSettings.defaults(false));
    }

    public AvroDeserializer(SchemaRegistry registry, Map<String, ?> configs, boolean isKey) {
        this(registry);
        configure(configs, isKey);
    }

    /**
     * A value deserializer into the generated classes ({@code specific.avro.reader=true}), configured from a
     * client's properties (registry URL, credentials, serde settings); {@code configs} is not changed.
     */
    public static <T> AvroDeserializer<T> forGeneratedClasses(Map<String, ?> configs) {
        Map<String, Object> reader = new HashMap<>(configs);
        reader.put(SerdeSettings.SPECIFIC_READER, true);
        AvroDeserializer<T> deserializer = new AvroDeserializer<>();
        deserializer.configure(reader, false);
        return deserializer;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeSettings settings = SerdeSettings.from(configs, isKey);
        if (registry == null) {
            registry = SchemaRegistry.connect(configs);
        }
        readers = new DatumReaders(registry, settings);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : read(topic, data, 0, data.length);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, data);
    }

    /** Reads straight from the fetched buffer: no copy of the payload. */
    @Override
    public T deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        if (data.hasArray()) {
            return read(topic, data.array(), data.arrayOffset() + data.position(), data.remaining());
        }
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return read(topic, copy, 0, copy.length);
    }

    @SuppressWarnings("unchecked")
    private T read(String topic, byte[] bytes, int offset, int length) {
        DatumReaders configured = readers;
        if (configured == null) {
            throw new IllegalStateException("AvroDeserializer used before configure()");
        }
        int id = WireFormat.schemaId(topic, bytes, offset, length);
        GenericDatumReader<Object> reader = configured.forId(topic, id);
        Object value = decode(reader, topic, id, bytes, offset, length);
        return (T) (value instanceof Utf8 ? value.toString() : value);
    }

    private static Object decode(GenericDatumReader<Object> reader, String topic, int id, byte[] bytes, int offset,
                                 int length) {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, offset + WireFormat.HEADER_SIZE,
                length - WireFormat.HEADER_SIZE, DECODERS.get());
        DECODERS.set(decoder);
        try {
            Object value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IOException("bytes left over after the record");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Payload of " + length + " bytes on topic '" + topic
                    + "' does not match its writer schema id " + id + " (" + reader.getSchema().getFullName()
                    + "): " + e, e);
        }
    }
}
