package io.crmbridge.poller.tracking;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.crmbridge.crm.record.DeltaLink;
import io.crmbridge.poller.subscription.StartPosition;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.poller.subscription.SubscriptionKey;

/**
 * The record index's cost (not a test; run on demand with {@code -Xmx256m}, see the README): a table of N records
 * (default 1,000,000) indexed, then re-synced in 5,000-row pages through {@link ChangeTracking} with 1 % of the rows
 * changed and 1 % deleted, reporting the heap the index takes and the re-sync's decision rate beside its ceiling
 * (the same pages built and walked without the index), measured in the same run.
 */
public final class RecordIndexBenchmark {

    private static final int PAGE = 5000;

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long before = usedHeap();
        RecordIndex index = new RecordIndex();
        long start = System.nanoTime();
        for (int i = 0; i < records; i++) {
            index.put(id(i).toString(), "W/\"" + (700_000L + i) + "\"");
        }
        double putRate = records / seconds(start);
        index.clearSeen();
        long indexBytes = usedHeap() - before;

        Subscription subscription = new Subscription(SubscriptionKey.of("bench", "account"), "accounts",
                List.of("name"), Strategy.CHANGE_TRACKING, Duration.ofSeconds(1), Duration.ofSeconds(1), PAGE,
                StartPosition.SNAPSHOT, false);
        ChangeTracking tracking = new ChangeTracking(subscription);
        Checkpoint at = tracking.restore(Checkpoint.resync(Strategy.CHANGE_TRACKING, null), index, Instant.now());
        // Ceiling: the same pages built and walked, no index.
        start = System.nanoTime();
        long walked = 0;
        for (int first = 0; first < records; first += PAGE) {
            walked += page(first, records, false).rows().size();
        }
        double ceiling = walked / seconds(start);

        start = System.nanoTime();
        int published = 0;
        FeedRequest request = new FeedRequest.FullSync();
        for (int first = 0; first < records; first += PAGE) {
            FeedResult.Page page = page(first, records, true);
            Step step = tracking.apply(at, request, page, Instant.now(), Instant.now());
            tracking.committed(step);
            published += step.changes().size();
            at = step.next();
            request = new FeedRequest.NextPage(at.nextLink() == null ? PageLink.of("https://x/next") : at.nextLink());
        }
        double rate = records / seconds(start);
        System.out.printf("record index: %,d records, %,d bytes of heap (%.1f bytes/record), put %,.0f/s%n", records,
                indexBytes, (double) indexBytes / records, putRate);
        System.out.printf("re-sync against it: %,.0f rows/s (ceiling without index %,.0f rows/s), %,d changes "
                + "published (1 %% updated, 1 %% deleted), max heap %,d MB%n", rate, ceiling, published,
                Runtime.getRuntime().maxMemory() >> 20);
        if (published != records / 50) {
            throw new IllegalStateException("expected " + records / 50 + " changes, got " + published);
        }
    }

    /** Rows first..first+PAGE; every 100th is updated, every 100th (offset 50) missing (deleted). */
    private static FeedResult.Page page(int first, int records, boolean last) {
        List<FeedRow> rows = new ArrayList<>(PAGE);
        int end = Math.min(records, first + PAGE);
        for (int i = first; i < end; i++) {
            if (i % 100 == 50) {
                continue;
            }
            long etag = i % 100 == 0 ? 9_000_000L + i : 700_000L + i;
            rows.add(new FeedRow.Upserted(id(i).toString(), "W/\"" + etag + "\"", etag, null, null,
                    Map.of("name", "account " + i), Map.of()));
        }
        boolean more = end < records;
        return new FeedResult.Page(rows, more ? Optional.of(PageLink.of("https://x/page/" + end)) : Optional.empty(),
                more ? Optional.empty() : Optional.of(new DeltaLink("https://x/delta")));
    }

    private static UUID id(int i) {
        return new UUID(0x60c4e2740d87e711L ^ (i * 0x9E3779B97F4A7C15L), i);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
