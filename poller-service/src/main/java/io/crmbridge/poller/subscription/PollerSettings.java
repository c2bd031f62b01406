package io.crmbridge.poller.subscription;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.crmbridge.crm.connection.ConnectionId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crmbridge.poller.*}: what to poll and how.
 *
 * @param defaults              what every table gets unless it says otherwise
 * @param connections           by connection id: the tables to poll ({@code tables.<logical name>.*}, and
 *                              {@code include}/{@code exclude} patterns) and, optionally, the org URL (otherwise it
 *                              comes from {@code crm.connections})
 * @param groupId               the consumer group through which instances share subscriptions
 * @param transactionalIdPrefix prefix of each shard's transactional.id (+ checkpoint topic + "-" + partition); must
 *                              be the same on every instance, so a new owner fences the previous one
 * @param changeTopicTemplate   change topic name, {@code {prefix}} and {@code {entity}} replaced
 * @param typedTopicTemplate    TYPED subscriptions' topic name, {@code {prefix}}, {@code {connection}} and
 *                              {@code {entity}} replaced: one topic (and schema subject) per connection and table
 * @param modifiedOnOverlap     MODIFIED_ON: how far behind the watermark each cycle re-reads
 * @param quietCommitInterval   how long a quiet subscription keeps its committed checkpoint before committing a
 *                              fresh delta link
 * @param initialBackoff        first wait after a failed poll (doubles per failure)
 * @param maxBackoff            longest wait after failed polls
 * @param stopTimeout           how long a revoked shard may finish its page before it is interrupted
 * @param restoreTimeout        longest the read of a shard's checkpoints may take
 * @param dataverse             how the Web API is called
 * @param changeTrackingRetention the org's change-tracking retention ({@code ExpireChangeTrackingInDays}; 7 days by
 *                              default, some orgs keep 30 or 90): a delta link older than that needs a re-sync
 * @param tombstonesOnDelete    after each DELETED event, a tombstone with the same key (Debezium's
 *                              {@code tombstones.on.delete}), so a compacted copy of a change topic drops the record
 * @param failingAfter          how long a subscription may keep failing (throttled, unreachable, refused, not
 *                              committed) before CAPTURE_FAILING is published on {@code crm.capture-events}
 * @param metadataRefresh       how often each connection's table patterns are resolved anew against the org's
 *                              tables (the first time right after start-up)
 */
@Validated
@ConfigurationProperties("crmbridge.poller")
public record PollerSettings(@Valid @NotNull @DefaultValue TableDefaults defaults,
                             Map<String, @Valid ConnectionSettings> connections,
                             @NotBlank @DefaultValue("crmbridge-poller") String groupId,
                             @NotNull @DefaultValue("crmbridge-poller-") String transactionalIdPrefix,
                             @NotBlank @DefaultValue("{prefix}.changes.{entity}") String changeTopicTemplate,
                             @NotBlank @DefaultValue("{prefix}.typed.{connection}.{entity}") String typedTopicTemplate,
                             @NotNull @DefaultValue("2s") Duration modifiedOnOverlap,
                             @NotNull @DefaultValue("1h") Duration quietCommitInterval,
                             @NotNull @DefaultValue("1s") Duration initialBackoff,
                             @NotNull @DefaultValue("5m") Duration maxBackoff,
                             @NotNull @DefaultValue("30s") Duration stopTimeout,
                             @NotNull @DefaultValue("60s") Duration restoreTimeout,
                             @Valid @NotNull @DefaultValue DataverseClient dataverse,
                             @DefaultValue("true") boolean tombstonesOnDelete,
                             @NotNull @DefaultValue("7d") Duration changeTrackingRetention,
                             @NotNull @DefaultValue("5m") Duration failingAfter,
                             @NotNull @DefaultValue("15m") Duration metadataRefresh) {

    public PollerSettings {
        connections = connections == null ? Map.of() : Map.copyOf(connections);
        // An idle table keeps its delta link fresh by committing the one each quiet poll returns at least every
        // quiet-commit-interval; at half the retention, even a day-long outage leaves the link valid.
        if (quietCommitInterval != null && changeTrackingRetention != null
                && quietCommitInterval.compareTo(changeTrackingRetention.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("crmbridge.poller.quiet-commit-interval (" + quietCommitInterval
                    + ") must be at most half of crmbridge.poller.change-tracking-retention ("
                    + changeTrackingRetention + "), or idle tables lose their delta link and re-sync");
        }
        if (metadataRefresh != null && (metadataRefresh.isNegative() || metadataRefresh.isZero())) {
            throw new IllegalArgumentException("crmbridge.poller.metadata-refresh must be positive: " + metadataRefresh);
        }
        connections.forEach((id, connection) -> TablePatterns.of(id, connection.include(), connection.exclude()));
    }

    /**
     * Defaults of every table.
     *
     * @param strategy        CHANGE_TRACKING or MODIFIED_ON
     * @param interval        wait between polls of an idle table (start to start)
     * @param activeInterval  wait after a poll that found changes (capped at interval; set it to interval to poll
     *                        at a fixed rate)
     * @param pageSize        {@code odata.maxpagesize}, 1 to 5,000
     * @param start           SNAPSHOT (publish current rows first) or NOW
     * @param formattedValues ask for formatted values (choice labels, lookup names...)
     * @param format          GENERIC ({@code RecordChanged}) or TYPED (Debezium's envelope, a schema per table)
     */
    public record TableDefaults(@NotNull @DefaultValue("CHANGE_TRACKING") Strategy strategy,
                                @NotNull @DefaultValue("1s") Duration interval,
                                @NotNull @DefaultValue("250ms") Duration activeInterval,
                                @Min(1) @Max(5000) @DefaultValue("5000") int pageSize,
                                @NotNull @DefaultValue("SNAPSHOT") StartPosition start,
                                @DefaultValue("true") boolean formattedValues,
                                @NotNull @DefaultValue("GENERIC") ChangeFormat format) {
    }

    /**
     * One connection.
     *
     * @param orgUrl  the Dataverse environment URL; unset: from the connection's definition on {@code crm.connections}
     * @param tables  by table logical name; always captured with their own settings, whatever the patterns say
     * @param include table patterns ({@code account}, {@code cr123_*}; {@code *} any run of characters, {@code ?}
     *                one; case-insensitive): the org's tables they match are captured with the defaults
     * @param exclude table patterns of tables left out of those {@code include} matches
     */
    public record ConnectionSettings(URI orgUrl, Map<String, @Valid TableSettings> tables, List<String> include,
                                     List<String> exclude) {
        public ConnectionSettings {
            tables = tables == null ? Map.of() : Map.copyOf(tables);
            include = include == null ? List.of() : List.copyOf(include);
            exclude = exclude == null ? List.of() : List.copyOf(exclude);
        }
    }

    /**
     * One table; unset values come from {@link TableDefaults}.
     *
     * @param entitySet the entity set name in URLs; unset: the logical name made plural (account → accounts,
     *                  opportunity → opportunities), which is how Dataverse names standard tables
     * @param select    {@code $select} columns; empty: every column
     */
    public record TableSettings(String entitySet, List<String> select, Strategy strategy, Duration interval,
                                Duration activeInterval, @Min(1) @Max(5000) Integer pageSize, StartPosition start,
                                Boolean formattedValues, ChangeFormat format) {
    }

    /**
     * The Dataverse Web API client.
     *
     * @param sslBundle      name of a Spring SSL bundle ({@code spring.ssl.bundle.*}) whose trust store the client
     *                       trusts; unset: the JDK's default trust store
     * @param readTimeout    longest one read may take, retries and a token renewal included
     * @param requestTimeout longest one HTTP attempt may take
     * @param tokenWait      longest a read waits for a token (the first, or a renewed one after a 401)
     * @param maxAttempts    attempts per read for 429 and transient failures (then the poll is deferred)
     * @param backoffUnit    without Retry-After, attempt n waits backoffUnit * 2^n
     * @param maxBackoff     cap of that wait
     * @param prefetch       read the next page of a read while the current one is written to Kafka
     */
    public record DataverseClient(String sslBundle, @NotNull @DefaultValue("5m") Duration readTimeout,
                                  @NotNull @DefaultValue("2m") Duration requestTimeout,
                                  @NotNull @DefaultValue("30s") Duration tokenWait,
                                  @Min(1) @DefaultValue("5") int maxAttempts,
                                  @NotNull @DefaultValue("1s") Duration backoffUnit,
                                  @NotNull @DefaultValue("60s") Duration maxBackoff,
                                  @DefaultValue("true") boolean prefetch,
                                  @NotNull @DefaultValue("15m") Duration metadataMaxAge) {
    }

    /** Every configured subscription, as resolved against the defaults. */
    public List<Subscription> subscriptions() {
        return seeds(java.time.Instant.EPOCH).stream().map(seed -> seed.resolve(defaults)).toList();
    }

    /** The configured subscriptions, published as seeds to {@code crm.subscriptions} at start-up. */
    public List<SubscriptionSpec> seeds(java.time.Instant now) {
        List<SubscriptionSpec> seeds = new ArrayList<>();
        connections.forEach((connection, settings) -> settings.tables().forEach((entity, table) ->
                seeds.add(SubscriptionSpec.seed(SubscriptionKey.of(connection, entity), table, defaults, now))));
        return seeds;
    }

    /** The table patterns of every connection that has include patterns. */
    Map<ConnectionId, TablePatterns> tablePatterns() {
        Map<ConnectionId, TablePatterns> patterns = new HashMap<>();
        connections.forEach((id, connection) -> {
            TablePatterns of = TablePatterns.of(id, connection.include(), connection.exclude());
            if (of.any()) {
                patterns.put(ConnectionId.of(id), of);
            }
        });
        return patterns;
    }

    /** The tables configured by name for {@code connection} (under {@code tables.<logical name>}). */
    java.util.Set<String> configuredTables(ConnectionId connection) {
        ConnectionSettings settings = connections.get(connection.value());
        return settings == null ? java.util.Set.of() : settings.tables().keySet();
    }

    /** The org URLs given in configuration, by connection. */
    public Map<ConnectionId, URI> configuredOrgUrls() {
        Map<ConnectionId, URI> urls = new HashMap<>();
        connections.forEach((connection, settings) -> {
            if (settings.orgUrl() != null) {
                urls.put(ConnectionId.of(connection), settings.orgUrl());
            }
        });
        return urls;
    }
}
