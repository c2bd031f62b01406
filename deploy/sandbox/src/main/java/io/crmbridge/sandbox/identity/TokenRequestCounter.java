package io.crmbridge.sandbox.identity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/** Counts token requests by grant and outcome, for tests and the admin API. */
final class TokenRequestCounter {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(Grant grant, String outcome) {
        counts.computeIfAbsent(grant.wireName() + "/" + outcome, key -> new LongAdder()).increment();
    }

    TokenRequestCounts snapshot() {
        return new TokenRequestCounts(counts.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum())));
    }

    void reset() {
        counts.clear();
    }
}
