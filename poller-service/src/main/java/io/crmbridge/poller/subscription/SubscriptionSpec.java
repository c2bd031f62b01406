package io.crmbridge.poller.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A subscription as it is stored on {@code crm.subscriptions}: what to capture and how, with the settings left
 * unset taking the poller's defaults when it is {@linkplain #resolve resolved}.
 *
 * @param entitySet       the entity set name in URLs; null: the logical name made plural
 * @param columns         {@code $select}; empty: every column
 * @param interval        null: the default
 * @param activeInterval  null: the default
 * @param pageSize        null: the default
 * @param formattedValues null: the default
 * @param generation      counts resets: a checkpoint of a lower generation is not resumed, the subscription starts
 *                        over
 * @param updatedBy       {@link #SEED} for the start-up seed from configuration, {@link #PATTERN} for a table matched
 *                        by the connection's table patterns, otherwise the API caller
 * @param snapshot        the latest snapshot on demand asked for; null when none
 * @param format          the shape of its events; written explicitly (null: GENERIC), so that a later change of the
 *                        default format applies to new subscriptions only
 */
public record SubscriptionSpec(SubscriptionKey key, String entitySet, List<String> columns, Strategy strategy,
                               StartPosition start, Duration interval, Duration activeInterval, Integer pageSize,
                               Boolean formattedValues, int generation, Instant updatedAt, String updatedBy,
                               SnapshotRequest snapshot, ChangeFormat format) {

    /** Who wrote a definition seeded from configuration. */
    public static final String SEED = "configuration";
    /** Who wrote (or removed) a definition made by a connection's table patterns. */
    public static final String PATTERN = "configuration-pattern";

    public SubscriptionSpec {
        Objects.requireNonNull(key, "key");
        columns = columns == null ? List.of() : List.copyOf(columns);
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(updatedBy, "updatedBy");
        format = format == null ? ChangeFormat.GENERIC : format;
    }

    /** A spec in the GENERIC format. */
    public SubscriptionSpec(SubscriptionKey key, String entitySet, List<String> columns, Strategy strategy,
                            StartPosition start, Duration interval, Duration activeInterval, Integer pageSize,
                            Boolean formattedValues, int generation, Instant updatedAt, String updatedBy,
                            SnapshotRequest snapshot) {
        this(key, entitySet, columns, strategy, start, interval, activeInterval, pageSize, formattedValues, generation,
                updatedAt, updatedBy, snapshot, null);
    }

    /** A spec without a snapshot request. */
    public SubscriptionSpec(SubscriptionKey key, String entitySet, List<String> columns, Strategy strategy,
                            StartPosition start, Duration interval, Duration activeInterval, Integer pageSize,
                            Boolean formattedValues, int generation, Instant updatedAt, String updatedBy) {
        this(key, entitySet, columns, strategy, start, interval, activeInterval, pageSize, formattedValues, generation,
                updatedAt, updatedBy, null);
    }

    /** The seed of a table configured under {@code crmbridge.poller.connections.<id>.tables}. */
    static SubscriptionSpec seed(SubscriptionKey key, PollerSettings.TableSettings table,
                                 PollerSettings.TableDefaults defaults, Instant now) {
        PollerSettings.TableSettings t = table == null
                ? new PollerSettings.TableSettings(null, null, null, null, null, null, null, null, null) : table;
        return new SubscriptionSpec(key, t.entitySet(), t.select(),
                t.strategy() != null ? t.strategy() : defaults.strategy(),
                t.start() != null ? t.start() : defaults.start(), t.interval(), t.activeInterval(), t.pageSize(),
                t.formattedValues(), 0, now, SEED, null, t.format() != null ? t.format() : defaults.format());
    }

    /** The spec that runs exactly {@code subscription}, every setting explicit. */
    public static SubscriptionSpec of(Subscription subscription, Instant updatedAt, String updatedBy) {
        return new SubscriptionSpec(subscription.key(), subscription.entitySet(), subscription.columns(),
                subscription.strategy(), subscription.start(), subscription.interval(), subscription.activeInterval(),
                subscription.pageSize(), subscription.formattedValues(), subscription.generation(), updatedAt,
                updatedBy, subscription.snapshot(), subscription.format());
    }

    /** The subscription the poller runs, unset settings taken from {@code defaults}. */
    public Subscription resolve(PollerSettings.TableDefaults defaults) {
        return new Subscription(key, entitySet != null ? entitySet : plural(key.entity()), columns, strategy,
                interval != null ? interval : defaults.interval(),
                activeInterval != null ? activeInterval : defaults.activeInterval(),
                pageSize != null ? pageSize : defaults.pageSize(), start,
                formattedValues != null ? formattedValues : defaults.formattedValues(), generation, snapshot,
                format);
    }

    /** Whether this was seeded from configuration (an API write is never overwritten by a seed). */
    public boolean seeded() {
        return SEED.equals(updatedBy);
    }

    /** Whether the connection's table patterns made this (only those are changed or removed by the patterns). */
    public boolean madeByPattern() {
        return PATTERN.equals(updatedBy);
    }

    /** Whether both capture the same way (who wrote them and when, and snapshots asked for, aside). */
    public boolean sameSettingsAs(SubscriptionSpec other) {
        return other != null && key.equals(other.key) && Objects.equals(entitySet, other.entitySet)
                && columns.equals(other.columns) && strategy == other.strategy && start == other.start
                && Objects.equals(interval, other.interval) && Objects.equals(activeInterval, other.activeInterval)
                && Objects.equals(pageSize, other.pageSize) && Objects.equals(formattedValues, other.formattedValues)
                && format == other.format
                && generation == other.generation;
    }

    /**
     * This spec written anew by {@code author} at {@code now}, following {@code previous} (null if none): it keeps
     * the previous snapshot request (a settings change neither repeats nor drops it), except that a reset, which
     * starts over, forgets it.
     */
    public SubscriptionSpec writtenBy(String author, Instant now, SubscriptionSpec previous, boolean reset) {
        int base = previous == null ? generation : previous.generation;
        SnapshotRequest kept = reset || previous == null ? null : previous.snapshot;
        return new SubscriptionSpec(key, entitySet, columns, strategy, start, interval, activeInterval, pageSize,
                formattedValues, reset ? base + 1 : base, now, author, kept, format);
    }

    /**
     * This spec asking for the snapshot {@code request}; its settings, author and time unchanged (the request names
     * its own), so a seeded definition stays one.
     */
    public SubscriptionSpec withSnapshot(SnapshotRequest request) {
        return new SubscriptionSpec(key, entitySet, columns, strategy, start, interval, activeInterval, pageSize,
                formattedValues, generation, updatedAt, updatedBy, request, format);
    }

    /** This spec with the entity set its table's metadata names. */
    SubscriptionSpec withEntitySet(String name) {
        return new SubscriptionSpec(key, name, columns, strategy, start, interval, activeInterval, pageSize,
                formattedValues, generation, updatedAt, updatedBy, snapshot, format);
    }

    /** Standard tables' entity sets are their logical names made plural (account → accounts). */
    static String plural(String logicalName) {
        String name = logicalName.toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith("y") && name.length() > 1 && "aeiou".indexOf(name.charAt(name.length() - 2)) < 0) {
            return name.substring(0, name.length() - 1) + "ies";
        }
        if (name.endsWith("s") || name.endsWith("x") || name.endsWith("ch") || name.endsWith("sh")) {
            return name + "es";
        }
        return name + "s";
    }
}
