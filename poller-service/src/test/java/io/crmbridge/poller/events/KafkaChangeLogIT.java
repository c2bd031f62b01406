package io.crmbridge.poller.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.events.RecordChanged;
import io.crmbridge.poller.capture.CapturedChange;
import io.crmbridge.poller.capture.ChangeLog;
import io.crmbridge.poller.capture.CommitOutcome;
import io.crmbridge.poller.capture.EventIds;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.ChangeKind;
import io.crmbridge.poller.tracking.Checkpoint;
import io.crmbridge.poller.tracking.DeltaLink;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.schemas.topics.TopicCreation;
import io.crmbridge.schemas.topics.TopicSettings;
import io.crmbridge.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;

/** The transactional change log against a real broker: all or nothing per page, and fencing of a zombie owner. */
class KafkaChangeLogIT {

    private static final String REGISTRY = "mock://change-log-it";
    private static final SubscriptionKey ACCOUNTS = SubscriptionKey.of("contoso", "account");
    private static EmbeddedKafkaKraftBroker broker;
    private static Topics topics;
    private static KafkaChangeLogs changeLogs;

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of("transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1", "offsets.topic.replication.factor", "1",
                "auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        topics = new Topics(TopicSettings.defaults().withPrefix("log").withPartitions(1));
        ChangeTopics changeTopics = new ChangeTopics(topics, "{prefix}.changes.{entity}");
        TopicCreation.ensure(Map.of("bootstrap.servers", broker.getBrokersAsString()),
                List.of(topics.pollerCheckpoints(), changeTopics.spec("account")), Duration.ofSeconds(30));
        Map<String, Object> client = Map.of("bootstrap.servers", broker.getBrokersAsString(),
                "schema.registry.url", REGISTRY);
        Map<String, Object> producer = new HashMap<>(client);
        producer.put("max.block.ms", 2000);
        changeLogs = new KafkaChangeLogs(new KafkaChangeLogs.Clients(producer, client, "log-it-",
                topics.pollerCheckpoints().name(), Duration.ofSeconds(30)), new RecordChangedEvents(changeTopics));
    }

    @AfterAll
    static void stop() {
        broker.destroy();
    }

    @Test
    void fencesThePreviousOwnerOfAPartitionSoThatItCanNoLongerCommit() {
        ChangeLog zombie = changeLogs.open(0);
        assertThat(zombie.append(ACCOUNTS, List.of(change("a", 1)), checkpoint(1))).isEqualTo(new CommitOutcome.Committed());

        ChangeLog owner = changeLogs.open(0);
        CommitOutcome late = zombie.append(ACCOUNTS, List.of(change("b", 2)), checkpoint(2));
        CommitOutcome current = owner.append(ACCOUNTS, List.of(change("c", 3)), checkpoint(3));

        assertThat(late).isInstanceOf(CommitOutcome.Fenced.class);
        assertThat(current).isEqualTo(new CommitOutcome.Committed());
        assertThat(committedRecordIds()).contains("a", "c").doesNotContain("b");
        assertThat(owner.checkpoints().get(ACCOUNTS).maxVersion()).isEqualTo(3);
        owner.close();
        zombie.close();
    }

    @Test
    void abortsThePageWhenASendFailsAndWritesNeitherItsEventsNorItsCheckpoint() {
        ChangeLog log = changeLogs.open(0);
        SubscriptionKey ghosts = SubscriptionKey.of("contoso", "ghost"); // its change topic does not exist
        CommitOutcome failed = log.append(ghosts, List.of(change(ghosts, "g", 10)), checkpoint(10));
        CommitOutcome next = log.append(ACCOUNTS, List.of(change("after-abort", 11)), checkpoint(11));

        assertThat(failed).isInstanceOf(CommitOutcome.Aborted.class);
        assertThat(next).isEqualTo(new CommitOutcome.Committed());
        assertThat(log.checkpoints()).containsKey(ACCOUNTS).doesNotContainKey(ghosts);
        assertThat(committedRecordIds()).contains("after-abort");
        log.close();
    }

    private static List<String> committedRecordIds() {
        Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers", broker.getBrokersAsString(),
                "isolation.level", "read_committed", "schema.registry.url", REGISTRY, "specific.avro.reader", true));
        AvroDeserializer<Object> values = new AvroDeserializer<>();
        values.configure(config, false);
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            TopicPartition partition = new TopicPartition("log.changes.account", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> ids.add(((RecordChanged) r.value()).getRecordId()));
            }
        }
        return ids;
    }

    private static CapturedChange change(String recordId, long version) {
        return change(ACCOUNTS, recordId, version);
    }

    private static CapturedChange change(SubscriptionKey key, String recordId, long version) {
        return new CapturedChange(EventIds.upserted(key, recordId, version), key, recordId, ChangeKind.UPDATED,
                Instant.now(), version, Map.of("name", "x"), Map.of(), Strategy.CHANGE_TRACKING, Instant.now());
    }

    private static Checkpoint checkpoint(long maxVersion) {
        return Checkpoint.persisted(Strategy.CHANGE_TRACKING, DeltaLink.of("https://org/api/data/v9.2/accounts?$deltatoken="
                + maxVersion + "%2101%2f01%2f2026"), null, null, maxVersion, Map.of(), Instant.now(), Instant.now());
    }
}
