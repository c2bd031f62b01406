package io.crmbridge.action.events;

import java.util.Map;

import io.crmbridge.action.planning.CommandCodec;
import io.crmbridge.action.planning.Decoded;
import io.crmbridge.action.planning.Result;
import io.crmbridge.events.WriteCommand;
import io.crmbridge.events.WriteResult;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.schemas.serde.AvroSerializer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Commands and results in the Confluent wire format, through the schemas module's serde (configured with
 * Confluent's keys, e.g. {@code schema.registry.url}). Bytes that are not a {@code WriteCommand} — not the wire
 * format, an unknown schema id, another record type, corrupt data — are {@link Decoded.Unreadable}.
 */
public final class AvroCommandCodec implements CommandCodec {

    private final AvroDeserializer<Object> commands;
    private final AvroSerializer<WriteResult> results = new AvroSerializer<>();

    public AvroCommandCodec(Map<String, ?> serdeConfig) {
        commands = AvroDeserializer.forGeneratedClasses(serdeConfig);
        results.configure(serdeConfig, false);
    }

    @Override
    public Decoded decode(String topic, byte[] value) {
        if (value == null) {
            return new Decoded.Unreadable(new SerializationException("the record has no value (a tombstone)"));
        }
        try {
            Object read = commands.deserialize(topic, value);
            if (!(read instanceof WriteCommand command)) {
                return new Decoded.Unreadable(new SerializationException("expected a " + WriteCommand.class.getName()
                        + ", found a " + (read == null ? "null" : read.getClass().getName())));
            }
            return new Decoded.Readable(CommandMapping.command(command, value.length));
        } catch (RuntimeException e) {
            return new Decoded.Unreadable(e);
        }
    }

    @Override
    public byte[] encode(String topic, Result result) {
        return results.serialize(topic, ResultMapping.result(result));
    }
}
