package io.crmbridge.token.ownership;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.crmbridge.events.AccessTokenGrant;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.schemas.topics.TopicCreation;
import io.crmbridge.schemas.topics.TopicSettings;
import io.crmbridge.schemas.topics.Topics;
import io.crmbridge.token.connection.ConnectionFixtures;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.token.connection.ConnectionState;
import io.crmbridge.token.events.AvroUpdateRecords;
import io.crmbridge.token.events.KafkaSetup;
import io.crmbridge.token.events.VaultEntries;
import io.crmbridge.token.fixtures.Grants;
import io.crmbridge.token.fixtures.TopicTap;
import io.crmbridge.token.refresh.Grant;
import io.crmbridge.token.refresh.IssuedToken;
import io.crmbridge.token.refresh.OwnershipLost;
import io.crmbridge.token.refresh.TokenUpdates.Update;
import io.crmbridge.token.vault.KafkaClientSource;
import io.crmbridge.token.vault.TokenVault;
import io.crmbridge.token.vault.KafkaVaultPartitions;
import io.crmbridge.token.vault.VaultState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Transactional fencing of vault partitions on a real broker: a zombie owner cannot publish. */
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1"})
class KafkaShardPublishersIT {

    private static final String SCOPE = "shard-publishers-it";
    private static final ConnectionId ID = ConnectionId.of("contoso");

    private static KafkaClientSource kafka;
    private static KafkaVaultPartitions partitions;
    private static TopicTap tap;

    @BeforeAll
    static void topics() {
        String brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
        Topics topics = new Topics(TopicSettings.defaults());
        TopicCreation.ensure(Map.of("bootstrap.servers", brokers), topics.ownedByTokenService(), Duration.ofSeconds(30));
        Map<String, Object> common = new HashMap<>(Map.of("bootstrap.servers", brokers,
                "schema.registry.url", "mock://" + SCOPE));
        kafka = new KafkaSetup(common, common, topics, "fencing-test", "test");
        partitions = new KafkaVaultPartitions(() -> 6);
        tap = new TopicTap(brokers, SCOPE);
    }

    @AfterAll
    static void close() {
        tap.close();
    }

    private static KafkaShardPublishers instance() {
        return new KafkaShardPublishers(kafka, partitions, new TokenVault(Grants.cipher()),
                new AvroUpdateRecords("test", Grants.cipher()), new VaultEntries(reader()));
    }

    private static Update grant(long generation) {
        Instant now = Instant.now();
        IssuedToken token = new IssuedToken("token-" + generation, now.plusSeconds(3600), Optional.empty());
        VaultState state = new VaultState(ID, ConnectionState.ACTIVE, Optional.empty(), generation,
                Optional.of(token.expiresAt()), Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), now);
        return new Update(ID, List.of(), Optional.of(new Grant(ID, ConnectionFixtures.ORG, generation, token, now)),
                Optional.of(state), false, List.of());
    }

    @Test
    void aZombieOwnerIsFencedOnceTheNextOwnerTakesThePartitionAndPublishesNothing() {
        int shard = partitions.of(ID);
        KafkaShardPublishers zombie = instance();
        KafkaShardPublishers next = instance();
        try {
            zombie.open(shard);
            zombie.publish(grant(1));

            next.open(shard);
            assertThatThrownBy(() -> zombie.publish(grant(2))).isInstanceOf(OwnershipLost.class)
                    .hasMessageContaining("fenced");
            next.publish(grant(3));

            await().untilAsserted(() -> assertThat(generationsOnTheGrantsTopic()).containsExactly(1L, 3L));
            assertThatThrownBy(() -> zombie.publish(grant(4))).isInstanceOf(OwnershipLost.class);
        } finally {
            zombie.closeAll();
            next.closeAll();
        }
    }

    @Test
    void publishingForAShardThatIsNotOwnedIsRefused() {
        KafkaShardPublishers instance = instance();

        assertThatThrownBy(() -> instance.publish(grant(1))).isInstanceOf(OwnershipLost.class)
                .hasMessageContaining("not owned");
    }

    private static <T> AvroDeserializer<T> reader() {
        AvroDeserializer<T> reader = new AvroDeserializer<>();
        reader.configure(Map.of("schema.registry.url", "mock://" + SCOPE, "specific.avro.reader", true), false);
        return reader;
    }

    private static List<Long> generationsOnTheGrantsTopic() {
        AvroDeserializer<AccessTokenGrant> reader = reader();
        return tap.records("crm.access-tokens").stream().filter(r -> r.value() != null)
                .map((ConsumerRecord<byte[], byte[]> r) -> reader.deserialize(r.topic(), r.value()).getGeneration())
                .toList();
    }
}
