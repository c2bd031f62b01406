package io.crmbridge.schemas.topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;

class TopicCreationIT {

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        broker.destroy();
    }

    @Test
    void createsEveryOwnedTopicWithItsConfigAndALeaderForEachPartition() throws Exception {
        Topics topics = new Topics(TopicSettings.defaults().withPrefix("create").withPartitions(3));

        TopicCreation.ensure(admin, topics.ownedByTokenService(), Duration.ofSeconds(30));

        Set<String> names = Set.of("create.connections", "create.connection-events", "create.access-tokens",
                "create.token-requests", "create.token-vault");
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
        assertThat(described.get("create.access-tokens").partitions()).hasSize(3)
                .allMatch(p -> p.leader() != null);
        assertThat(described.get("create.connections").partitions()).hasSize(1);
        assertThat(cleanupPolicy("create.token-vault")).isEqualTo("compact");
        assertThat(cleanupPolicy("create.connection-events")).isEqualTo("delete");
    }

    @Test
    void runningTwiceOrFromTwoInstancesChangesNothing() throws Exception {
        Topics topics = new Topics(TopicSettings.defaults().withPrefix("twice").withPartitions(2));
        List<TopicSpec> owned = topics.ownedByActionService();

        TopicCreation.ensure(admin, owned, Duration.ofSeconds(30));
        TopicCreation.ensure(admin, owned, Duration.ofSeconds(30));

        assertThat(admin.listTopics().names().get()).filteredOn(n -> n.startsWith("twice."))
                .containsExactlyInAnyOrder("twice.write-commands", "twice.write-results", "twice.write-commands.dlt");
    }

    @Test
    void leavesAnExistingTopicAsTheOperatorConfiguredIt() throws Exception {
        Topics operators = new Topics(TopicSettings.defaults().withPrefix("existing").withPartitions(5));
        TopicCreation.ensure(admin, List.of(operators.changes("account")), Duration.ofSeconds(30));

        Topics defaults = new Topics(TopicSettings.defaults().withPrefix("existing").withPartitions(2));
        TopicCreation.ensure(admin, List.of(defaults.changes("account")), Duration.ofSeconds(30));

        assertThat(admin.describeTopics(List.of("existing.changes.account")).allTopicNames().get()
                .get("existing.changes.account").partitions()).hasSize(5);
    }

    private static String cleanupPolicy(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        return config.get("cleanup.policy").value();
    }
}
