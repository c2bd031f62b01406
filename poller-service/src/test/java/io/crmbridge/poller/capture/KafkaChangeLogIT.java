package io.crmbridge.poller.capture;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.events.RecordChanged;
import io.crmbridge.poller.events.AvroChangeRecords;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.ChangeKind;
import io.crmbridge.poller.tracking.Checkpoint;
import io.crmbridge.poller.tracking.RecordIndex;
import io.crmbridge.crm.record.DeltaLink;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.schemas.topics.TopicCreation;
import io.crmbridge.schemas.topics.TopicSettings;
import io.crmbridge.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
    private static KafkaChangeLogs.Clients clients;
    private static ChangeTopics changeTopics;

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of("transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1", "offsets.topic.replication.factor", "1",
                "auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        topics = new Topics(TopicSettings.defaults().withPrefix("log").withPartitions(1));
        changeTopics = new ChangeTopics(topics, "{prefix}.changes.{entity}", "{prefix}.typed.{connection}.{entity}");
        TopicCreation.ensure(Map.of("bootstrap.servers", broker.getBrokersAsString()),
                List.of(topics.pollerCheckpoints(), topics.pollerRecords(), changeTopics.spec("account")),
                Duration.ofSeconds(30));
        Map<String, Object> client = Map.of("bootstrap.servers", broker.getBrokersAsString(),
                "schema.registry.url", REGISTRY);
        Map<String, Object> producer = new HashMap<>(client);
        producer.put("max.block.ms", 2000);
        clients = new KafkaChangeLogs.Clients(producer, client, "log-it-", topics.pollerCheckpoints().name(),
                topics.pollerRecords().name(), topics.captureEvents().name(), Duration.ofSeconds(30));
        changeLogs = new KafkaChangeLogs(clients, changeTopics, new AvroChangeRecords(), true);
    }

    @AfterAll
    static void stop() {
        broker.destroy();
    }

    @Test
    void fencesThePreviousOwnerOfAPartitionSoThatItCanNoLongerCommit() {
        ChangeLog zombie = changeLogs.open(0);
        assertThat(zombie.append(ACCOUNTS, List.of(change("a", 1)), List.of(), checkpoint(1)))
                .isEqualTo(new CommitOutcome.Committed());

        ChangeLog owner = changeLogs.open(0);
        CommitOutcome late = zombie.append(ACCOUNTS, List.of(change("b", 2)), List.of(), checkpoint(2));
        CommitOutcome current = owner.append(ACCOUNTS, List.of(change("c", 3)), List.of(), checkpoint(3));

        assertThat(late).isInstanceOf(CommitOutcome.Fenced.class);
        assertThat(current).isEqualTo(new CommitOutcome.Committed());
        assertThat(committedRecordIds()).contains("a", "c").doesNotContain("b");
        assertThat(owner.checkpoints().get(ACCOUNTS).deltaLink()).isEqualTo(checkpoint(3).deltaLink());
        owner.close();
        zombie.close();
    }

    @Test
    void abortsThePageWhenASendFailsAndWritesNeitherItsEventsNorItsCheckpoint() {
        ChangeLog log = changeLogs.open(0);
        SubscriptionKey ghosts = SubscriptionKey.of("contoso", "ghost"); // its change topic does not exist
        CommitOutcome failed = log.append(ghosts, List.of(change(ghosts, "g", 10)),
                List.of(new RecordIndex.Entry(GHOST_ROW, "W/\"10\"", 10L)), checkpoint(10));
        CommitOutcome next = log.append(ACCOUNTS, List.of(change("after-abort", 11)), List.of(), checkpoint(11));

        assertThat(failed).isInstanceOf(CommitOutcome.Aborted.class);
        assertThat(next).isEqualTo(new CommitOutcome.Committed());
        assertThat(log.checkpoints()).containsKey(ACCOUNTS).doesNotContainKey(ghosts);
        assertThat(log.records()).doesNotContainKey(ghosts);
        assertThat(committedRecordIds()).contains("after-abort");
        log.close();
    }

    @Test
    void restoresTheCommittedRecordIndexWithDeletedRecordsRemovedAndOpaqueEtagsKeptExactly() {
        SubscriptionKey contacts = SubscriptionKey.of("contoso", "contact");
        String kept = "60c4e274-0d87-e711-80e5-00155db19e6d";
        String deleted = "2e451703-c686-e711-80e5-00155db19e6d";
        String opaque = "0a1b2c3d-0000-4000-8000-000000000001";
        ChangeLog log = changeLogs.open(0);
        assertThat(log.append(contacts, List.of(), List.of(new RecordIndex.Entry(kept, "W/\"915244\"", 915244L),
                new RecordIndex.Entry(deleted, "W/\"915100\"", 915100L),
                new RecordIndex.Entry(opaque, "\"3:ab/cd\"", null)), checkpoint(20)))
                .isEqualTo(new CommitOutcome.Committed());
        assertThat(log.append(contacts, List.of(), List.of(new RecordIndex.Entry(deleted, null, null)), checkpoint(21)))
                .isEqualTo(new CommitOutcome.Committed());
        log.close();

        RecordIndex restored = changeLogs.open(0).records().get(contacts);

        assertThat(restored.size()).isEqualTo(2);
        assertThat(restored.etag(kept)).contains("W/\"915244\"");
        assertThat(restored.etag(opaque)).contains("\"3:ab/cd\"");
        assertThat(restored.contains(deleted)).isFalse();
    }

    @Test
    void followsEachDeleteWithATombstoneOfItsKeyUnlessThatIsSwitchedOff() {
        KafkaChangeLogs withoutTombstones = new KafkaChangeLogs(clients, changeTopics, new AvroChangeRecords(), false);
        ChangeLog on = changeLogs.open(0);
        assertThat(on.append(ACCOUNTS, List.of(change("tomb-a", 30), deleted("tomb-a")), List.of(), checkpoint(30)))
                .isEqualTo(new CommitOutcome.Committed());
        on.close();
        ChangeLog off = withoutTombstones.open(0);
        assertThat(off.append(ACCOUNTS, List.of(deleted("tomb-b")), List.of(), checkpoint(31)))
                .isEqualTo(new CommitOutcome.Committed());
        off.close();

        assertThat(committedValues("contoso:tomb-a")).extracting(v -> v == null ? "tombstone"
                : ((RecordChanged) v).getChangeType().name()).containsExactly("UPDATED", "DELETED", "tombstone");
        assertThat(committedValues("contoso:tomb-b")).extracting(v -> ((RecordChanged) v).getChangeType().name())
                .containsExactly("DELETED");
    }

    private static List<Object> committedValues(String key) {
        return committed().stream().filter(r -> key.equals(r.key())).map(ConsumerRecord::value).toList();
    }

    /** Every committed record of the account change topic, tombstones included. */
    private static List<ConsumerRecord<String, Object>> committed() {
        Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers", broker.getBrokersAsString(),
                "isolation.level", "read_committed", "schema.registry.url", REGISTRY, "specific.avro.reader", true));
        AvroDeserializer<Object> values = new AvroDeserializer<>();
        values.configure(config, false);
        List<ConsumerRecord<String, Object>> found = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor("log.changes.account").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
            }
        }
        return found;
    }

    private static CapturedChange deleted(String recordId) {
        return new CapturedChange(EventIds.deleted(ACCOUNTS, recordId), ACCOUNTS, recordId, ChangeKind.DELETED,
                null, null, Map.of(), Map.of(), Strategy.CHANGE_TRACKING, Instant.now());
    }

    private static List<String> committedRecordIds() {
        return committed().stream().filter(r -> r.value() != null) // a tombstone follows each delete
                .map(r -> ((RecordChanged) r.value()).getRecordId()).toList();
    }

    private static CapturedChange change(String recordId, long version) {
        return change(ACCOUNTS, recordId, version);
    }

    private static CapturedChange change(SubscriptionKey key, String recordId, long version) {
        return new CapturedChange(EventIds.upserted(key, recordId, "W/\"" + version + "\""), key, recordId,
                ChangeKind.UPDATED, Instant.now(), version, Map.of("name", "x"), Map.of(), Strategy.CHANGE_TRACKING,
                Instant.now());
    }

    private static Checkpoint checkpoint(long n) {
        return new Checkpoint(Strategy.CHANGE_TRACKING, new DeltaLink("https://org/api/data/v9.2/accounts?$deltatoken="
                + n + "%2101%2f01%2f2026"), null, null, true, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    private static final String GHOST_ROW = "9f0e0000-0000-4000-8000-00000000000a";
}
