package io.crmbridge.poller.events;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.events.PollCheckpoint;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.Checkpoint;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one partition of {@code crm.poller-checkpoints} from the beginning to its end with read_committed, keeping
 * the latest checkpoint per key: only committed checkpoints, each committed with the events it covers.
 */
final class CheckpointReader {

    private CheckpointReader() {
    }

    static Map<SubscriptionKey, Checkpoint> read(KafkaChangeLogs.Clients clients, String topic, int partition) {
        TopicPartition assigned = new TopicPartition(topic, partition);
        Map<SubscriptionKey, Checkpoint> latest = new HashMap<>();
        try (Consumer<String, Object> consumer = clients.checkpointConsumer()) {
            consumer.assign(List.of(assigned));
            consumer.seekToBeginning(List.of(assigned));
            // With read_committed the end offset is the last stable offset: nothing after it is committed yet.
            long end = consumer.endOffsets(List.of(assigned)).get(assigned);
            Instant deadline = Instant.now().plus(clients.restoreTimeout());
            while (consumer.position(assigned) < end) {
                if (Instant.now().isAfter(deadline)) {
                    throw new KafkaException("checkpoints of " + assigned + " not read within " + clients.restoreTimeout());
                }
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    keep(latest, record);
                }
            }
        }
        return latest;
    }

    private static void keep(Map<SubscriptionKey, Checkpoint> latest, ConsumerRecord<String, Object> record) {
        SubscriptionKey key;
        try {
            key = SubscriptionKey.parse(String.valueOf(record.key()));
        } catch (IllegalArgumentException e) {
            return; // not written by the poller
        }
        if (record.value() == null) {
            latest.remove(key); // a tombstone: an operator reset the subscription
        } else {
            latest.put(key, CheckpointRecords.fromRecord((PollCheckpoint) record.value()));
        }
    }
}
