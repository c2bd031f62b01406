package io.crmbridge.action.parking;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.crm.connection.ConnectionId;

/**
 * How many parked commands of each connection wait in each partition of the waiting topic, not yet replayed or
 * failed. While a connection has any in a partition, its new commands from the same partition of the commands
 * topic are parked behind them, so a row's writes are never reordered. Changes are staged per transaction and
 * applied only when it commits. Only the command loop thread changes it; metrics read it.
 */
public final class WaitingCommands {

    private final Map<Integer, Map<ConnectionId, Integer>> byPartition = new ConcurrentHashMap<>();

    /** Replaces what is known of {@code partition} (after reading it from its committed offset to its end). */
    public void reset(int partition, Map<ConnectionId, Integer> counts) {
        byPartition.put(partition, new ConcurrentHashMap<>(counts));
    }

    public void forget(int partition) {
        byPartition.remove(partition);
    }

    public boolean has(int partition, ConnectionId connection) {
        Map<ConnectionId, Integer> counts = byPartition.get(partition);
        return counts != null && counts.getOrDefault(connection, 0) > 0;
    }

    /** Commands waiting per connection, over all partitions of this instance (for metrics). */
    public Map<ConnectionId, Integer> byConnection() {
        Map<ConnectionId, Integer> total = new HashMap<>();
        byPartition.values().forEach(counts -> counts.forEach((c, n) -> total.merge(c, n, Integer::sum)));
        return total;
    }

    public Set<Integer> partitions() {
        return Set.copyOf(byPartition.keySet());
    }

    /** Applies a committed transaction's changes. */
    public void apply(Changes changes) {
        changes.deltas.forEach((partition, deltas) -> {
            Map<ConnectionId, Integer> counts = byPartition.computeIfAbsent(partition, p -> new ConcurrentHashMap<>());
            deltas.forEach((connection, delta) -> {
                if (counts.merge(connection, delta, Integer::sum) <= 0) {
                    counts.remove(connection);
                }
            });
        });
    }

    /** The changes of one transaction, visible to {@link #has} through {@link #pending} before they commit. */
    public static final class Changes {
        private final Map<Integer, Map<ConnectionId, Integer>> deltas = new HashMap<>();

        public void parked(int partition, ConnectionId connection) {
            deltas.computeIfAbsent(partition, p -> new HashMap<>()).merge(connection, 1, Integer::sum);
        }

        public void released(int partition, ConnectionId connection) {
            deltas.computeIfAbsent(partition, p -> new HashMap<>()).merge(connection, -1, Integer::sum);
        }

        boolean parkedAny(int partition, ConnectionId connection) {
            return deltas.getOrDefault(partition, Map.of()).getOrDefault(connection, 0) > 0;
        }
    }

    /**
     * Whether a new command of the connection from {@code partition} must queue behind parked ones: some waited
     * when the transaction began, or the transaction parked some. Replays within the transaction do not count
     * yet, so a new command never overtakes a replay that might still be deferred.
     */
    public boolean pending(int partition, ConnectionId connection, Changes changes) {
        return has(partition, connection) || changes.parkedAny(partition, connection);
    }
}
