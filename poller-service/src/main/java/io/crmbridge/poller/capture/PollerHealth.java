package io.crmbridge.poller.capture;

import java.util.LinkedHashMap;
import java.util.Map;

import io.crmbridge.crm.topic.ConnectionTopics;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the poller: UP while it is a member of the poller group, follows the connections and every owned
 * shard's worker runs; details list the owned shards and each polled subscription's state.
 */
final class PollerHealth implements HealthIndicator {

    private final KafkaOwnership ownership;
    private final ConnectionTopics connections;
    private final OwnedSubscriptions owned;

    PollerHealth(KafkaOwnership ownership, ConnectionTopics connections, OwnedSubscriptions owned) {
        this.ownership = ownership;
        this.connections = connections;
        this.owned = owned;
    }

    @Override
    public Health health() {
        boolean up = ownership.alive() && connections.alive() && owned.healthy();
        Health.Builder health = up ? Health.up() : Health.down();
        Map<String, Object> subscriptions = new LinkedHashMap<>();
        for (SubscriptionStatus status : owned.status()) {
            subscriptions.put(status.key().toString(), Map.of("shard", status.shard(),
                    "connection", status.connection().name(), "position", status.position(),
                    "lastOutcome", status.lastOutcome(), "failures", status.failures()));
        }
        return health.withDetail("joinedGroup", ownership.joined()).withDetail("shards", owned.shards())
                .withDetail("subscriptions", subscriptions).build();
    }
}
