package io.crmbridge.action.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.crmbridge.schemas.topics.TopicCreation;
import io.crmbridge.schemas.topics.TopicSettings;
import io.crmbridge.schemas.topics.TopicSpec;
import io.crmbridge.schemas.topics.Topics;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** An embedded single-node KRaft broker set up for transactions, with the topics the action service uses. */
public final class TestBroker implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;
    private final Topics topics;

    private TestBroker(int partitions) {
        this.broker = new EmbeddedKafkaKraftBroker(1, partitions);
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                // One partition each instead of 50: creating them on first use takes seconds on two cores.
                "offsets.topic.num.partitions", "1",
                "transaction.state.log.num.partitions", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        this.topics = new Topics(TopicSettings.defaults().withPartitions(partitions));
        List<TopicSpec> all = new ArrayList<>(topics.ownedByActionService());
        TopicSpec commands = topics.writeCommands();
        all.add(new TopicSpec(commands.name() + ".waiting", commands.key(), commands.partitions(),
                commands.replicationFactor(), commands.configs()));
        all.addAll(topics.ownedByTokenService());
        TopicCreation.ensure(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers()), all,
                Duration.ofSeconds(30));
    }

    public static TestBroker start(int partitions) {
        return new TestBroker(partitions);
    }

    public String servers() {
        return broker.getBrokersAsString();
    }

    public Topics topics() {
        return topics;
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
