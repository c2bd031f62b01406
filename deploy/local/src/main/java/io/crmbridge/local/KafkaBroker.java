package io.crmbridge.local;

import java.util.HashMap;
import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real single-node KRaft broker for the local stack, on a fixed port when one is asked for. */
final class KafkaBroker implements AutoCloseable {

    // One broker: internal topics and transactions need replication factor 1, or initTransactions() hangs.
    private static final Map<String, String> SINGLE_NODE = Map.of(
            "offsets.topic.replication.factor", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "group.initial.rebalance.delay.ms", "0",
            "auto.create.topics.enable", "false");

    private final EmbeddedKafkaKraftBroker broker;
    private final String bootstrapServers;

    /** @param port the fixed port outside tools connect to, or 0 for a free one (tests) */
    KafkaBroker(int port) {
        this.broker = new EmbeddedKafkaKraftBroker(1, 1);
        Map<String, String> properties = new HashMap<>(SINGLE_NODE);
        if (port != 0) {
            properties.putAll(fixedPort(port));
        }
        broker.brokerProperties(properties);
        broker.afterPropertiesSet();
        this.bootstrapServers = port != 0 ? "localhost:" + port : broker.getBrokersAsString();
    }

    // The test kit binds its own listener (EXTERNAL) to a random pre-bound socket, whatever port "listeners" names.
    // A third listener, LOCAL, is bound by the broker itself on the fixed port; a client that bootstraps there gets
    // LOCAL's address back in the metadata, so it never needs the random one.
    private static Map<String, String> fixedPort(int port) {
        return Map.of(
                "listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,LOCAL://localhost:" + port,
                "listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,LOCAL:PLAINTEXT");
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
