package io.crmbridge.sandbox.dataverse;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts an org's answered requests by status; cheap enough to call on every response. */
final class RequestCounter {

    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final LongAdder batchOperations = new LongAdder();

    void answered(int status) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    void batchOperations(int operations) {
        batchOperations.add(operations);
    }

    RequestCounts snapshot() {
        Map<Integer, Long> counts = new TreeMap<>();
        byStatus.forEach((status, count) -> counts.put(status, count.sum()));
        return new RequestCounts(counts, batchOperations.sum());
    }

    void reset() {
        byStatus.clear();
        batchOperations.reset();
    }
}
