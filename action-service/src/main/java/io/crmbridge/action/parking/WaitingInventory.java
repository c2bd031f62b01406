package io.crmbridge.action.parking;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.crm.connection.ConnectionId;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the parked commands per connection in a waiting partition that are not done yet, from the group's
 * committed offset to the partition's end, when the partition is assigned: what this instance must know before it lets a connection's new
 * commands pass its parked ones. Reads committed records only, with a consumer of its own outside the group.
 */
public final class WaitingInventory {

    private final Map<String, Object> consumerConfig;

    public WaitingInventory(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumerConfig = config;
    }

    /** The records of {@code range} not yet done, per connection. */
    public Map<ConnectionId, Integer> count(TopicPartition partition, WaitingRange range) {
        Map<ConnectionId, Integer> counts = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, range.committed());
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    ParkingHeaders.text(record.headers(), ParkingHeaders.CONNECTION).map(ConnectionId::of)
                            .filter(connection -> !range.done(connection, record.offset()))
                            .ifPresent(connection -> counts.merge(connection, 1, Integer::sum));
                }
            }
        }
        return counts;
    }
}
