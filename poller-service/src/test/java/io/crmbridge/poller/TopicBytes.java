package io.crmbridge.poller;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a topic's committed records weigh, as a read_committed consumer sees them (serialized key, value and header
 * bytes, before compression and Kafka's per-record framing), split into records with a value and tombstones, and the
 * bytes the broker holds for the topic on disk (compressed batches, framing and transaction markers included).
 */
record TopicBytes(long values, long valueBytes, long tombstones, long tombstoneBytes, long onDisk) {

    static TopicBytes of(String brokers, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers", brokers,
                "isolation.level", "read_committed", "max.poll.records", 5000));
        long values = 0, valueBytes = 0, tombstones = 0, tombstoneBytes = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("cannot read " + topic + " to its end");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long bytes = length(record.key()) + length(record.value()) + headerBytes(record);
                    if (record.value() == null) {
                        tombstones++;
                        tombstoneBytes += bytes;
                    } else {
                        values++;
                        valueBytes += bytes;
                    }
                }
            }
        }
        return new TopicBytes(values, valueBytes, tombstones, tombstoneBytes, onDisk(brokers, topic));
    }

    double bytesPerValue() {
        return values == 0 ? 0 : (double) valueBytes / values;
    }

    double bytesPerTombstone() {
        return tombstones == 0 ? 0 : (double) tombstoneBytes / tombstones;
    }

    long records() {
        return values + tombstones;
    }

    private static long onDisk(String brokers, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            List<Integer> brokerIds = admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList();
            return admin.describeLogDirs(brokerIds).allDescriptions().get().values().stream()
                    .flatMap(dirs -> dirs.values().stream())
                    .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                    .filter(e -> e.getKey().topic().equals(topic))
                    .mapToLong(e -> e.getValue().size()).sum();
        }
    }

    private static long headerBytes(ConsumerRecord<byte[], byte[]> record) {
        long bytes = 0;
        for (Header header : record.headers()) {
            bytes += header.key().length() + length(header.value());
        }
        return bytes;
    }

    private static long length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
