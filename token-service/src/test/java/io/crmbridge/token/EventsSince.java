package io.crmbridge.token;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.token.fixtures.TopicTap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The connection events of one connection committed after a test marked the topic: what the test caused, never what
 * the start-up or another test published before it. The mark is a position in the topic (the last stable offset of
 * each partition), not a count of what the tap has read so far, so a tap that lags cannot move it.
 */
final class EventsSince {

    private static final String TOPIC = "crm.connection-events";

    private final Marks marks;
    private final String connection;
    private final Map<TopicPartition, Long> from;

    private EventsSince(Marks marks, String connection, Map<TopicPartition, Long> from) {
        this.marks = marks;
        this.connection = connection;
        this.from = from;
    }

    List<ConnectionEvent> events() {
        return marks.tap.records(TOPIC).stream()
                .filter(r -> r.value() != null)
                .filter(r -> r.offset() >= from.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L))
                .map(r -> marks.events.deserialize(r.topic(), r.headers(), r.value()))
                .filter(e -> e.getConnectionId().equals(connection))
                .toList();
    }

    List<ConnectionEventType> types() {
        return events().stream().map(ConnectionEvent::getType).toList();
    }

    long count(ConnectionEventType type) {
        return events().stream().filter(e -> e.getType() == type).count();
    }

    ConnectionEvent last(ConnectionEventType type) {
        List<ConnectionEvent> matching = events().stream().filter(e -> e.getType() == type).toList();
        if (matching.isEmpty()) {
            throw new AssertionError("no " + type + " event of " + connection + " since the mark: " + types());
        }
        return matching.get(matching.size() - 1);
    }

    /** Marks where the connection events end now; one per test class, used from the test thread, closed with it. */
    static final class Marks implements AutoCloseable {

        private final TopicTap tap;
        private final KafkaConsumer<byte[], byte[]> positions;
        private final AvroDeserializer<ConnectionEvent> events;

        Marks(String brokers, String registryScope, TopicTap tap) {
            this.tap = tap;
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
            // read_committed: the end offsets are the last stable offsets, past every committed event.
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            this.positions = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.events = AvroDeserializer.forGeneratedClasses(Map.of("schema.registry.url", "mock://" + registryScope));
        }

        /** The events of {@code connection} committed from now on. */
        EventsSince now(String connection) {
            List<TopicPartition> partitions = positions.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            return new EventsSince(this, connection, Map.copyOf(positions.endOffsets(partitions)));
        }

        @Override
        public void close() {
            positions.close();
        }
    }
}
