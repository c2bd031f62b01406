package io.crmbridge.poller.capture;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one partition of a compacted state topic ({@code crm.poller-checkpoints}, {@code crm.poller-records}) from
 * the beginning to its end with read_committed: only what was committed, each with the events it accounts for.
 */
final class KafkaPartitionReader {

    private KafkaPartitionReader() {
    }

    static void read(KafkaChangeLogs.Clients clients, String topic, int partition,
                     Consumer<ConsumerRecord<String, Object>> each) {
        TopicPartition assigned = new TopicPartition(topic, partition);
        try (org.apache.kafka.clients.consumer.Consumer<String, Object> consumer = clients.stateConsumer()) {
            consumer.assign(List.of(assigned));
            consumer.seekToBeginning(List.of(assigned));
            // With read_committed the end offset is the last stable offset: nothing after it is committed yet.
            long end = consumer.endOffsets(List.of(assigned)).get(assigned);
            Instant deadline = Instant.now().plus(clients.restoreTimeout());
            while (consumer.position(assigned) < end) {
                if (Instant.now().isAfter(deadline)) {
                    throw new KafkaException(topic + "-" + partition + " not read within " + clients.restoreTimeout());
                }
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    each.accept(record);
                }
            }
        }
    }
}
