package io.crmbridge.token.ownership;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.crmbridge.token.vault.KafkaConnections;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Ready when Kafka answers, every definition has been read and the ownership consumer is in its group: before
 * that the service cannot issue tokens, and after a broker loss it cannot publish them.
 */
final class KafkaReadiness extends AbstractHealthIndicator implements DisposableBean {

    private final Admin admin;
    private final KafkaConnections connections;
    private final KafkaVaultOwnership ownership;

    KafkaReadiness(Map<String, Object> adminSettings, KafkaConnections connections, KafkaVaultOwnership ownership) {
        this.admin = Admin.create(adminSettings);
        this.connections = connections;
        this.ownership = ownership;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        int nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
        builder.withDetail("brokers", nodes).withDetail("definitionsRead", connections.caughtUp())
                .withDetail("ownedPartitions", ownership.owned());
        if (nodes > 0 && connections.caughtUp() && ownership.polling()) {
            builder.up();
        } else {
            builder.down();
        }
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
