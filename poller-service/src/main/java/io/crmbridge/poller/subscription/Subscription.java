package io.crmbridge.poller.subscription;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to capture from one table of one connection and how.
 *
 * @param key             connection and table (logical name)
 * @param entitySet       the table's entity set name in URLs, e.g. {@code accounts}
 * @param columns         {@code $select}; empty selects every column
 * @param strategy        change tracking (default) or modifiedon polling
 * @param interval        how long an idle subscription waits between polls (from the start of one to the next)
 * @param activeInterval  the wait after a poll that found changes (at most {@code interval}): a table that is
 *                        being written is polled more often, an idle one costs one request per interval
 * @param pageSize        {@code odata.maxpagesize}, 1 to 5,000
 * @param start           where to start without a checkpoint
 * @param formattedValues whether to request formatted values (labels, names) with the rows
 * @param generation      counts its resets: a checkpoint of an older generation is not resumed
 * @param snapshot        the latest snapshot on demand asked for; null when none
 * @param format          the shape of its change events
 */
public record Subscription(SubscriptionKey key, String entitySet, List<String> columns, Strategy strategy,
                           Duration interval, Duration activeInterval, int pageSize, StartPosition start,
                           boolean formattedValues, int generation, SnapshotRequest snapshot, ChangeFormat format) {

    public static final int MAX_PAGE_SIZE = 5000;

    public Subscription {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(entitySet, "entitySet");
        columns = List.copyOf(columns);
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(start, "start");
        format = format == null ? ChangeFormat.GENERIC : format;
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        if (activeInterval == null || activeInterval.isNegative() || activeInterval.compareTo(interval) > 0) {
            activeInterval = interval;
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1 to " + MAX_PAGE_SIZE + ": " + pageSize);
        }
    }

    /** A subscription in the GENERIC format. */
    public Subscription(SubscriptionKey key, String entitySet, List<String> columns, Strategy strategy,
                        Duration interval, Duration activeInterval, int pageSize, StartPosition start,
                        boolean formattedValues, int generation, SnapshotRequest snapshot) {
        this(key, entitySet, columns, strategy, interval, activeInterval, pageSize, start, formattedValues, generation,
                snapshot, ChangeFormat.GENERIC);
    }

    /** A subscription without a snapshot request. */
    public Subscription(SubscriptionKey key, String entitySet, List<String> columns, Strategy strategy,
                        Duration interval, Duration activeInterval, int pageSize, StartPosition start,
                        boolean formattedValues, int generation) {
        this(key, entitySet, columns, strategy, interval, activeInterval, pageSize, start, formattedValues, generation,
                null);
    }

    /** A subscription of the first generation (never reset). */
    public Subscription(SubscriptionKey key, String entitySet, List<String> columns, Strategy strategy,
                        Duration interval, Duration activeInterval, int pageSize, StartPosition start,
                        boolean formattedValues) {
        this(key, entitySet, columns, strategy, interval, activeInterval, pageSize, start, formattedValues, 0);
    }

    public String entity() {
        return key.entity();
    }
}
