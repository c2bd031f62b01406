package io.crmbridge.schemas.topics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every CRM Bridge topic, with its key and configuration, in one place (DESIGN.md, "Topics"). Names derive from
 * the configured prefix; change topics are one per entity ({@code <prefix>.changes.<entity>}).
 */
public final class Topics {

    private static final String COMPACT = "compact";
    private static final String DELETE = "delete";

    private final TopicSettings settings;

    public Topics(TopicSettings settings) {
        this.settings = settings;
    }

    /** {@code ConnectionDefinition} by connectionId, no secrets; token-service → poller, action. */
    public TopicSpec connections() {
        return compacted("connections", "connectionId", 1);
    }

    /** {@code ConnectionEvent} by connectionId; token-service → SRE alerting, poller, action. Kept 30 days. */
    public TopicSpec connectionEvents() {
        return deleted("connection-events", "connectionId", settings.partitions(), Duration.ofDays(30));
    }

    /** {@code AccessTokenGrant} (token encrypted) by connectionId; token-service → poller, action. */
    public TopicSpec accessTokens() {
        return compacted("access-tokens", "connectionId", settings.partitions());
    }

    /** {@code TokenRequest} by connectionId (e.g. a 401 was seen); poller, action → token-service. */
    public TopicSpec tokenRequests() {
        return deleted("token-requests", "connectionId", settings.partitions(), Duration.ofDays(1));
    }

    /** Encrypted credential state (MSAL cache) by connectionId; read and written by the token-service only. */
    public TopicSpec tokenVault() {
        return compacted("token-vault", "connectionId", settings.partitions());
    }

    /** {@code RecordChanged} of one entity (logical name), by {@code connectionId:recordId}; poller → downstream. */
    public TopicSpec changes(String entity) {
        if (entity == null || !entity.matches("[a-zA-Z0-9_]+")) {
            throw new IllegalArgumentException("not an entity logical name: " + entity);
        }
        return deleted("changes." + entity.toLowerCase(Locale.ROOT), "connectionId:recordId",
                settings.partitions(), settings.changeRetention());
    }

    /** {@code PollCheckpoint} by {@code connectionId:entity}; poller only, written with the events it covers. */
    public TopicSpec pollerCheckpoints() {
        return compacted("poller-checkpoints", "connectionId:entity", settings.partitions());
    }

    /**
     * {@code PolledRecord} by {@code connectionId:entity:recordId}; poller only: its record index, written with the
     * events and checkpoints it accounts for, partitioned like the checkpoints (partition p holds the records of the
     * subscriptions whose checkpoints are on partition p of {@code crm.poller-checkpoints}).
     */
    public TopicSpec pollerRecords() {
        return compacted("poller-records", "connectionId:entity:recordId", settings.partitions());
    }

    /**
     * {@code SubscriptionDefinition} by {@code connectionId:table}; the poller's admin API (and its configuration
     * seed) → every poller instance. One partition: every instance follows all of it.
     */
    public TopicSpec subscriptions() {
        return compacted("subscriptions", "connectionId:table", 1);
    }

    /**
     * {@code CaptureEvent} by {@code connectionId:table}; poller → downstream teams, SRE alerting, the console. Kept
     * 30 days.
     */
    public TopicSpec captureEvents() {
        return deleted("capture-events", "connectionId:table", settings.partitions(), Duration.ofDays(30));
    }

    /** {@code CaptureSignal} by {@code connectionId:table}; teams automating through Kafka → the poller. One partition. */
    public TopicSpec captureSignals() {
        return deleted("capture-signals", "connectionId:table", 1, Duration.ofDays(7));
    }

    /** {@code WriteCommand} by {@code connectionId:entity:recordKey}; producers → action. */
    public TopicSpec writeCommands() {
        return deleted("write-commands", "connectionId:entity:recordKey", settings.partitions(),
                settings.changeRetention());
    }

    /** {@code WriteResult}, same key as its command; action → producers. */
    public TopicSpec writeResults() {
        return deleted("write-results", "connectionId:entity:recordKey", settings.partitions(),
                settings.changeRetention());
    }

    /** Commands that could not be read: original key and bytes plus error headers; action → operators. */
    public TopicSpec writeCommandsDlt() {
        return deleted("write-commands.dlt", "original key", settings.partitions(), Duration.ofDays(30));
    }

    /** The topics the token-service owns and creates. */
    public List<TopicSpec> ownedByTokenService() {
        return List.of(connections(), connectionEvents(), accessTokens(), tokenRequests(), tokenVault());
    }

    /** The fixed topics the poller owns (change topics are added per subscribed entity). */
    public List<TopicSpec> ownedByPoller() {
        return List.of(subscriptions(), pollerCheckpoints(), pollerRecords(), captureEvents(), captureSignals());
    }

    /** The topics the action-service owns and creates. */
    public List<TopicSpec> ownedByActionService() {
        return List.of(writeCommands(), writeResults(), writeCommandsDlt());
    }

    public TopicSettings settings() {
        return settings;
    }

    private TopicSpec compacted(String suffix, String key, int partitions) {
        // Compacted topics hold the latest value per key; a tombstone deletes it after a day.
        return spec(suffix, key, partitions, Map.of("cleanup.policy", COMPACT,
                "delete.retention.ms", String.valueOf(Duration.ofDays(1).toMillis()),
                "min.compaction.lag.ms", String.valueOf(Duration.ofMinutes(1).toMillis())));
    }

    private TopicSpec deleted(String suffix, String key, int partitions, Duration retention) {
        return spec(suffix, key, partitions, Map.of("cleanup.policy", DELETE,
                "retention.ms", String.valueOf(retention.toMillis())));
    }

    private TopicSpec spec(String suffix, String key, int partitions, Map<String, String> configs) {
        return new TopicSpec(settings.prefix() + "." + suffix, key, partitions, settings.replicationFactor(), configs);
    }
}
