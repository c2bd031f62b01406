package io.crmbridge.schemas.topics;

import java.time.Duration;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crmbridge.topics.*}: the topic settings every service binds.
 *
 * @param prefix            first segment of every topic name
 * @param partitions        partitions of keyed, high-volume topics
 * @param replicationFactor unset: the broker's default.replication.factor
 * @param changeRetention   retention of change, command and result topics
 * @param creationTimeout   how long start-up waits for topics to exist with a leader per partition
 */
@ConfigurationProperties("crmbridge.topics")
public record TopicProperties(@DefaultValue("crm") String prefix, @DefaultValue("6") int partitions,
                              Short replicationFactor, @DefaultValue("7d") Duration changeRetention,
                              @DefaultValue("60s") Duration creationTimeout) {

    TopicSettings toSettings() {
        return new TopicSettings(prefix, partitions, Optional.ofNullable(replicationFactor), changeRetention);
    }
}
