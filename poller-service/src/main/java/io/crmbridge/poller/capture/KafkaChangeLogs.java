package io.crmbridge.poller.capture;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.schemas.serde.AvroSerializer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Opens the {@link KafkaChangeLog} of a partition of {@code crm.poller-checkpoints}. */
final class KafkaChangeLogs {

    private final Clients clients;
    private final ChangeTopics changeTopics;
    private final ChangeRecords records;
    private final boolean tombstonesOnDelete;

    /** @param tombstonesOnDelete whether each DELETED event is followed by a tombstone of its key */
    KafkaChangeLogs(Clients clients, ChangeTopics changeTopics, ChangeRecords records, boolean tombstonesOnDelete) {
        this.clients = clients;
        this.changeTopics = changeTopics;
        this.records = records;
        this.tombstonesOnDelete = tombstonesOnDelete;
    }

    /** Blocks until the partition's previous owner is fenced and its unfinished transaction settled. */
    ChangeLog open(int partition) {
        return new KafkaChangeLog(partition, clients, changeTopics, records, tombstonesOnDelete);
    }

    /**
     * The Kafka clients of the change logs.
     *
     * @param producer              producer properties (bootstrap, security, tuning) from spring.kafka
     * @param consumer              consumer properties (bootstrap, security) from spring.kafka
     * @param transactionalIdPrefix the transactional.id of partition p is this prefix + checkpoint topic + "-" + p
     * @param checkpointTopic       {@code crm.poller-checkpoints}
     * @param recordsTopic          {@code crm.poller-records}, partitioned like the checkpoint topic
     * @param captureEventsTopic    {@code crm.capture-events}
     * @param restoreTimeout        longest the read of a partition's checkpoints, or of its records, may take
     */
    record Clients(Map<String, Object> producer, Map<String, Object> consumer, String transactionalIdPrefix,
                   String checkpointTopic, String recordsTopic, String captureEventsTopic, Duration restoreTimeout) {

        Producer<Object, Object> transactionalProducer(int partition) {
            Map<String, Object> config = new HashMap<>(producer);
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIdPrefix + checkpointTopic + "-" + partition);
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            AvroSerializer<Object> values = new AvroSerializer<>();
            values.configure(config, false);
            KafkaProducer<Object, Object> created = new KafkaProducer<>(config, new KafkaChangeKeys(config),
                    values);
            try {
                created.initTransactions();
            } catch (KafkaException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            return created;
        }

        Consumer<String, Object> stateConsumer() {
            Map<String, Object> config = new HashMap<>(consumer);
            config.remove(ConsumerConfig.GROUP_ID_CONFIG);
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
            return new KafkaConsumer<>(config, new StringDeserializer(), AvroDeserializer.forGeneratedClasses(config));
        }
    }
}
