package io.crmbridge.local;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real single-node KRaft broker for the local stack. */
final class KafkaBroker implements AutoCloseable {

    // One broker: internal topics and transactions need replication factor 1, or initTransactions() hangs.
    private static final Map<String, String> SINGLE_NODE = Map.of(
            "offsets.topic.replication.factor", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "auto.create.topics.enable", "false");

    private final EmbeddedKafkaKraftBroker broker;

    // TODO(issue 7): a fixed port. The KRaft test kit ignores kafkaPorts() and overriding "listeners" leaves the
    // broker unreachable, so the broker's port is random for now and printed at start.
    KafkaBroker() {
        this.broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(SINGLE_NODE);
        broker.afterPropertiesSet();
    }

    String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
