package io.crmbridge.poller;

import java.nio.file.Path;
import java.util.Map;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.SandboxTls;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * What a poller integration test class shares: one embedded Kafka broker (KRaft, transactions on one broker)
 * and one sandbox over HTTPS. Each test then takes a {@link Scenario} of its own (topic prefix, org, connection).
 */
public final class PollerRig implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final Sandbox sandbox;
    private final Path trustStore;

    public PollerRig() {
        EmbeddedKafkaKraftBroker kraft = new EmbeddedKafkaKraftBroker(1, 3);
        kraft.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false"));
        kraft.afterPropertiesSet();
        this.broker = kraft;
        this.sandbox = Sandbox.start(SandboxSettings.defaults());
        this.trustStore = SandboxTls.trustStoreFile();
    }

    public Scenario scenario(String name) {
        return new Scenario(this, name);
    }

    public String brokers() {
        return broker.getBrokersAsString();
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    Path trustStore() {
        return trustStore;
    }

    @Override
    public void close() {
        sandbox.close();
        broker.destroy();
    }
}
