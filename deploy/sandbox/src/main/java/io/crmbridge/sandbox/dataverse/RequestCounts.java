package io.crmbridge.sandbox.dataverse;

import java.util.Map;

/**
 * How many requests an org has answered since start or the last reset.
 *
 * @param byStatus          HTTP status to count (a {@code $batch} is one request, counted by its outer status)
 * @param batchOperations   operations inside {@code $batch} requests (they count toward entitlement, not limits)
 */
public record RequestCounts(Map<Integer, Long> byStatus, long batchOperations) {

    public RequestCounts {
        byStatus = Map.copyOf(byStatus);
    }

    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    public long withStatus(int status) {
        return byStatus.getOrDefault(status, 0L);
    }

    public long throttled() {
        return withStatus(429);
    }
}
