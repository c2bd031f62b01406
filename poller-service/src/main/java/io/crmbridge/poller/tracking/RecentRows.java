package io.crmbridge.poller.tracking;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The rows this instance published recently, by id with their version and modifiedon: the de-duplication memory
 * of {@link ModifiedOnPolling}'s overlap window. Entries older than the window are dropped. Not thread-safe: one
 * subscription is polled by one thread at a time.
 */
final class RecentRows {

    private record Entry(String id, long version, Instant modifiedOn) {
    }

    private final Map<String, Entry> byId = new HashMap<>();
    private final PriorityQueue<Entry> byAge = new PriorityQueue<>((a, b) -> a.modifiedOn().compareTo(b.modifiedOn()));

    /** Whether this instance published the row at this version or a newer one. */
    boolean published(String id, long version) {
        Entry entry = byId.get(id);
        return entry != null && entry.version() >= version;
    }

    void add(String id, long version, Instant modifiedOn) {
        Entry entry = new Entry(id, version, modifiedOn);
        byId.put(id, entry);
        byAge.add(entry);
    }

    /** Forgets rows modified before {@code instant}: no query will read them again. */
    void forgetBefore(Instant instant) {
        while (!byAge.isEmpty() && byAge.peek().modifiedOn().isBefore(instant)) {
            Entry oldest = byAge.poll();
            byId.remove(oldest.id(), oldest);
        }
    }

    void clear() {
        byId.clear();
        byAge.clear();
    }

    int size() {
        return byId.size();
    }
}
