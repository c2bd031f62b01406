package io.crmbridge.action.planning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.crmbridge.action.parking.WaitingRange;
import io.crmbridge.action.parking.WaitingPass;
import io.crmbridge.action.execution.Done;
import io.crmbridge.action.execution.Job;
import io.crmbridge.action.execution.WriteOutcome;
import io.crmbridge.action.holding.ConnectionHolds;
import io.crmbridge.action.parking.WaitingCommands;
import io.crmbridge.crm.connection.ConnectionId;

/**
 * The fates of what one transaction consumed, from planning through execution to what is committed: which
 * records produce results, parked copies or dead letters, which parked commands go on waiting, and the offsets
 * (with the waiting partitions' {@link WaitingRange}s) committed with them.
 */
public final class Plan {

    private final Instant now;
    private final List<Item> items = new ArrayList<>();
    private final Map<Long, Item> byTicket = new HashMap<>();
    private final WaitingCommands.Changes planned = new WaitingCommands.Changes();
    private final Map<Partition, WaitingPass> reads = new LinkedHashMap<>();
    private final Map<Partition, Long> lastSeen = new HashMap<>();
    private long tickets;

    Plan(Instant now) {
        this.now = now;
    }

    public Instant now() {
        return now;
    }

    long nextTicket() {
        return tickets++;
    }

    /** Parks decided while planning, so later commands of the same connection queue behind them. */
    WaitingCommands.Changes changes() {
        return planned;
    }

    void add(Item item) {
        items.add(item);
        if (item.fate() instanceof Fate.Executing executing) {
            byTicket.put(executing.job().ticket(), item);
        }
    }

    /** This transaction reads waiting partition {@code partition} in {@code pass}. */
    void reading(Partition partition, WaitingPass pass) {
        reads.put(partition, pass);
    }

    /** A waiting record was read (done or not). */
    void seen(Partition partition, long offset) {
        lastSeen.merge(partition, offset, Math::max);
    }

    public List<Job> jobs() {
        return items.stream().filter(item -> item.fate() instanceof Fate.Executing)
                .map(item -> ((Fate.Executing) item.fate()).job()).toList();
    }

    /** Turns outcomes into fates: results, or (no token) parking a new command / leaving a parked one waiting. */
    void settle(List<Done> done, ConnectionHolds holds) {
        for (Done finished : done) {
            Item item = byTicket.get(finished.job().ticket());
            if (finished.outcome() instanceof WriteOutcome.Deferred deferred) {
                holds.tokenRefused(item.command().connection());
                item.fate(item.fromWaiting() ? new Fate.Waiting(deferred.reason()) : new Fate.Parked(deferred.reason()));
            } else {
                item.fate(new Fate.Answered(new Result(item.command(), finished.outcome(), finished.attempts(), now)));
            }
        }
    }

    /** Where waiting partitions stop for want of room in their offset metadata: their first stopped record. */
    public Map<Partition, Item> stops() {
        Map<Partition, Item> stops = new LinkedHashMap<>();
        for (Item item : items) {
            if (item.fate() instanceof Fate.Stopped) {
                stops.putIfAbsent(partition(item), item);
            }
        }
        return stops;
    }

    /**
     * The records whose fate is committed now: all but, in a waiting partition, a connection's records from its
     * first still-waiting one on (its replay went wrong midway: a command done later than that must be done
     * again, after it) and everything from a stop on.
     */
    public List<Item> kept() {
        Map<Partition, Item> stops = stops();
        Map<Partition, Map<ConnectionId, Long>> waitingFrom = waitingFrom();
        return items.stream().filter(item -> {
            Item stop = stops.get(partition(item));
            if (stop != null && item.consumed().offset() >= stop.consumed().offset()) {
                return false;
            }
            if (!item.fromWaiting() || item.connection() == null) {
                return true;
            }
            Long from = waitingFrom.getOrDefault(partition(item), Map.of()).get(item.connection());
            return from == null || item.consumed().offset() < from;
        }).toList();
    }

    /** Positions to commit: past the last record of a commands partition, a waiting partition's new range. */
    public Map<Partition, Commit> offsets() {
        Map<Partition, Commit> offsets = new HashMap<>();
        for (Item item : kept()) {
            if (!item.fromWaiting()) {
                offsets.put(partition(item), Commit.past(item.consumed()));
            }
        }
        ranges().forEach((partition, next) -> offsets.put(partition, new Commit(next.range().committed(),
                next.range().metadata())));
        return offsets;
    }

    /** What each waiting partition read in this transaction looks like once it commits. */
    Map<Partition, NextRange> ranges() {
        Map<Partition, NextRange> ranges = new LinkedHashMap<>();
        Map<Partition, Item> stops = stops();
        Map<Partition, Map<ConnectionId, Long>> waitingFrom = waitingFrom();
        reads.forEach((partition, pass) -> ranges.put(partition, next(partition, pass, stops.get(partition),
                waitingFrom.getOrDefault(partition, Map.of()))));
        return ranges;
    }

    /** A waiting partition's range after this transaction, and the connections its read still replays. */
    record NextRange(WaitingRange range, Set<ConnectionId> open) {
    }

    private NextRange next(Partition partition, WaitingPass pass, Item stop, Map<ConnectionId, Long> from) {
        WaitingRange before = pass.range();
        long readTo = stop != null ? stop.consumed().offset() : lastSeen.get(partition) + 1;
        Map<ConnectionId, WaitingRange.Backlog> backlogs = new HashMap<>(before.backlogs());
        Set<ConnectionId> open = new HashSet<>();
        before.backlogs().keySet().stream().filter(pass::isOpen).forEach(open::add);
        for (Item item : items) {
            Long first = item.connection() == null ? null : from.get(item.connection());
            if (partition(item).equals(partition) && first != null && item.consumed().offset() == first) {
                backlogs.put(item.connection(), new WaitingRange.Backlog(first, item.consumed().parkedAt()));
                open.remove(item.connection());
            }
        }
        // An open connection had every record of this read done: its first waiting record lies further on.
        open.forEach(connection -> backlogs.computeIfPresent(connection, (c, backlog) -> backlog.from() >= readTo
                ? backlog : new WaitingRange.Backlog(readTo, backlog.since())));
        long scanned = Math.max(before.scanned(), readTo);
        backlogs.entrySet().removeIf(e -> e.getValue().from() >= scanned);
        open.retainAll(backlogs.keySet());
        return new NextRange(new WaitingRange(scanned, backlogs), open);
    }

    /** Per waiting partition, each connection's first record that goes on waiting in this transaction. */
    private Map<Partition, Map<ConnectionId, Long>> waitingFrom() {
        Map<Partition, Map<ConnectionId, Long>> from = new HashMap<>();
        for (Item item : items) {
            if (item.fate() instanceof Fate.Waiting && item.connection() != null) {
                from.computeIfAbsent(partition(item), p -> new HashMap<>())
                        .merge(item.connection(), item.consumed().offset(), Math::min);
            }
        }
        return from;
    }

    /** How the committed fates change what waits: parked commands added, replayed or failed ones removed. */
    WaitingCommands.Changes waitingChanges() {
        WaitingCommands.Changes changes = new WaitingCommands.Changes();
        for (Item item : kept()) {
            if (item.fromWaiting() && item.connection() != null) {
                changes.released(item.consumed().partition().number(), item.connection());
            } else if (item.fate() instanceof Fate.Parked) {
                changes.parked(item.consumed().partition().number(), item.connection());
            }
        }
        return changes;
    }

    public int size() {
        return items.size();
    }

    private static Partition partition(Item item) {
        return item.consumed().partition();
    }
}
