package io.crmbridge.action.parking;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.crmbridge.crm.connection.ConnectionId;

/**
 * One sequential read of a waiting partition: its committed {@link WaitingRange}, where this read started, and
 * which waiting connections it replays in order because it began at or before their first waiting record. A
 * connection released after the read passed its first waiting record needs a new read from there (a rescan);
 * records already done are skipped on the way.
 */
public final class WaitingPass {

    private WaitingRange range;
    private Set<ConnectionId> open;

    public WaitingPass(WaitingRange range, long start) {
        this.range = range;
        this.open = openFrom(range, start);
    }

    public WaitingRange range() {
        return range;
    }

    /** Whether this read replays {@code connection}'s records now (it has none waiting from before). */
    public boolean replays(ConnectionId connection) {
        return connection == null || !range.backlogs().containsKey(connection) || open.contains(connection);
    }

    public boolean isOpen(ConnectionId connection) {
        return open.contains(connection);
    }

    /** Takes what a committed transaction decided. */
    public void advance(WaitingRange next, Set<ConnectionId> stillOpen) {
        this.range = next;
        this.open = new HashSet<>(stillOpen);
        open.retainAll(next.backlogs().keySet());
    }

    /**
     * Where to read again from, if a waiting connection can go on now ({@code ready}: released, or its oldest
     * command is past the deadline) but this read already passed its first waiting record.
     */
    public Optional<Long> rescanFrom(Predicate<Map.Entry<ConnectionId, WaitingRange.Backlog>> ready) {
        return range.backlogs().entrySet().stream().filter(e -> !open.contains(e.getKey())).filter(ready)
                .map(e -> e.getValue().from()).min(Long::compare);
    }

    /** Starts a new read at {@code start}. */
    public void restart(long start) {
        this.open = openFrom(range, start);
    }

    private static Set<ConnectionId> openFrom(WaitingRange range, long start) {
        Set<ConnectionId> open = new HashSet<>();
        range.backlogs().forEach((connection, backlog) -> {
            if (backlog.from() >= start) {
                open.add(connection);
            }
        });
        return open;
    }

    @Override
    public String toString() {
        return "WaitingPass[range=" + range + ", open=" + open + "]";
    }
}
