package io.crmbridge.action.execution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a connection's jobs are grouped into requests without reordering any row's writes: waves hold at most one
 * job per ordering key (the n-th wave the n-th job of each key) and run one after the other; a wave is cut into
 * {@code $batch} chunks that may run concurrently. A row's second write therefore never starts before its first
 * has its final answer, retries included.
 */
final class Batching {

    private Batching() {
    }

    static List<List<Job>> waves(List<Job> jobs) {
        List<List<Job>> waves = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Job job : jobs) {
            int wave = seen.merge(job.orderingKey(), 1, Integer::sum) - 1;
            if (wave == waves.size()) {
                waves.add(new ArrayList<>());
            }
            waves.get(wave).add(job);
        }
        return waves;
    }

    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>((items.size() + size - 1) / size);
        for (int start = 0; start < items.size(); start += size) {
            chunks.add(items.subList(start, Math.min(items.size(), start + size)));
        }
        return chunks;
    }
}
