package io.crmbridge.poller.capture;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.crmbridge.schemas.serde.AvroSerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The keys the change log writes: text ({@code connectionId:recordId} of GENERIC change topics, the checkpoint and
 * record-index keys) as UTF-8, as a {@code StringSerializer} does; a TYPED change's key record in the Confluent wire
 * format, under the topic's {@code -key} subject, as Confluent's {@code KafkaAvroSerializer} does for a key.
 */
final class KafkaChangeKeys implements Serializer<Object> {

    private final AvroSerializer<Object> records = new AvroSerializer<>();

    KafkaChangeKeys(Map<String, ?> configs) {
        records.configure(configs, true);
    }

    @Override
    public byte[] serialize(String topic, Object key) {
        if (key == null) {
            return null;
        }
        return key instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : records.serialize(topic, key);
    }

    @Override
    public void close() {
        records.close();
    }
}
