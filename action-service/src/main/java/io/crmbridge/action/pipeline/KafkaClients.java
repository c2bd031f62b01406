package io.crmbridge.action.pipeline;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;


import io.crmbridge.action.parking.WaitingInventory;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka clients of one command loop, made afresh when the loop (re)starts them, and the client settings
 * exactly-once consumption needs on top of the deployment's (servers, security).
 *
 * @param inventory reads what waits in a waiting partition before the loop takes it
 */
record KafkaClients(Supplier<KafkaConsumer<String, byte[]>> consumers,
                    Supplier<KafkaProducer<String, byte[]>> producers, WaitingInventory inventory) {

    /** A loop's clients from its consumer and producer settings ({@link #consumer}, {@link #producer}). */
    static KafkaClients of(Map<String, Object> consumer, Map<String, Object> producer) {
        return new KafkaClients(() -> new KafkaConsumer<>(consumer), () -> new KafkaProducer<>(producer),
                new WaitingInventory(consumer));
    }

    /**
     * A command loop's consumer settings. {@code memberId} makes it a static group member: a restarted instance
     * takes its partitions back at once instead of waiting for the crashed member's session to time out.
     */
    static Map<String, Object> consumer(Map<String, Object> base, String groupId, String memberId, int maxRecords) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, memberId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxRecords);
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis());
        // Range assignment gives one consumer the same partition number of the commands and waiting topics.
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(RangeAssignor.class.getName()));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    /**
     * A transactional producer's settings. The transactional id is stable per instance and loop, so a restarted
     * instance aborts its predecessor's open transaction at once instead of waiting for it to time out.
     */
    static Map<String, Object> producer(Map<String, Object> base, String transactionalId) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }
}
