package io.crmbridge.schemas.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.crmbridge.events.RecordChanged;
import io.crmbridge.schemas.ContractFixtures;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.schemas.serde.AvroSerializer;
import io.crmbridge.schemas.topics.TopicCreation;
import io.crmbridge.schemas.topics.TopicSettings;
import io.crmbridge.schemas.topics.TopicSpec;
import io.crmbridge.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code RecordChanged} through a real (embedded KRaft) broker, in transactions, read with read_committed. */
class RecordChangedTransactionIT {

    private static final Map<String, String> SINGLE_NODE_TRANSACTIONS = Map.of(
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "offsets.topic.replication.factor", "1");

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1).brokerProperties(SINGLE_NODE_TRANSACTIONS);
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void aCommittedTransactionIsReadAndAnAbortedOneIsNot() {
        TopicSpec topic = createTopic("committed");
        RecordChanged committed = ContractFixtures.recordChanged();
        RecordChanged aborted = ContractFixtures.recordChanged();
        aborted.setRecordId("00000000-0000-0000-0000-0000000000ab");

        try (KafkaProducer<String, RecordChanged> producer = transactionalProducer("committed-tx")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic.name(), key(aborted), aborted));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic.name(), key(committed), committed));
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, RecordChanged>> read = readCommitted(topic, 1);
        assertThat(read).hasSize(1);
        assertThat(read.get(0).key()).isEqualTo(key(committed));
        assertThat(read.get(0).value()).isEqualTo(committed);
    }

    @Test
    void anOpenTransactionStaysInvisibleUntilItCommits() {
        TopicSpec topic = createTopic("open");
        RecordChanged change = ContractFixtures.recordChanged();

        try (KafkaProducer<String, RecordChanged> producer = transactionalProducer("open-tx");
             KafkaConsumer<String, RecordChanged> consumer = consumer(topic)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic.name(), key(change), change));
            producer.flush();

            assertThat(consumer.poll(Duration.ofSeconds(2))).isEmpty();

            producer.commitTransaction();
            List<ConsumerRecord<String, RecordChanged>> read = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return !read.isEmpty();
            });
            assertThat(read).extracting(ConsumerRecord::value).containsExactly(change);
        }
    }

    private static TopicSpec createTopic(String prefix) {
        TopicSpec topic = new Topics(TopicSettings.defaults().withPrefix(prefix).withPartitions(1)).changes("account");
        TopicCreation.ensure(Map.of("bootstrap.servers", broker.getBrokersAsString()), List.of(topic),
                Duration.ofSeconds(30));
        return topic;
    }

    private static String key(RecordChanged change) {
        return change.getConnectionId() + ":" + change.getRecordId();
    }

    private static KafkaProducer<String, RecordChanged> transactionalProducer(String transactionalId) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class,
                "schema.registry.url", "mock://transactions"));
    }

    private static KafkaConsumer<String, RecordChanged> consumer(TopicSpec topic) {
        KafkaConsumer<String, RecordChanged> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic.name(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class,
                "schema.registry.url", "mock://transactions",
                "specific.avro.reader", true));
        consumer.subscribe(List.of(topic.name()));
        return consumer;
    }

    private static List<ConsumerRecord<String, RecordChanged>> readCommitted(TopicSpec topic, int expected) {
        List<ConsumerRecord<String, RecordChanged>> read = new ArrayList<>();
        try (KafkaConsumer<String, RecordChanged> consumer = consumer(topic)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return read.size() >= expected;
            });
        }
        return read;
    }
}
