package io.crmbridge.schemas.topics;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Deployment-wide topic settings.
 *
 * @param prefix            first segment of every topic name (default {@code crm})
 * @param partitions        partitions of keyed, high-volume topics (changes, commands, results, tokens)
 * @param replicationFactor empty: the broker's {@code default.replication.factor}
 * @param changeRetention   retention of {@code <prefix>.changes.<entity>}, commands and results
 */
public record TopicSettings(String prefix, int partitions, Optional<Short> replicationFactor, Duration changeRetention) {

    public TopicSettings {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank() || !prefix.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("topic prefix must be non-blank and use only [a-zA-Z0-9._-]: " + prefix);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        Objects.requireNonNull(replicationFactor, "replicationFactor");
        Objects.requireNonNull(changeRetention, "changeRetention");
    }

    /** Prefix {@code crm}, 6 partitions, the broker's replication factor, 7 days of changes. */
    public static TopicSettings defaults() {
        return new TopicSettings("crm", 6, Optional.empty(), Duration.ofDays(7));
    }

    public TopicSettings withPrefix(String newPrefix) {
        return new TopicSettings(newPrefix, partitions, replicationFactor, changeRetention);
    }

    public TopicSettings withPartitions(int newPartitions) {
        return new TopicSettings(prefix, newPartitions, replicationFactor, changeRetention);
    }
}
