package io.crmbridge.poller.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.poller.subscription.SubscriptionKey;

/**
 * Reads the next page of a read while the current one is being written: when a page has a nextLink, that page
 * is requested at once on another thread, and handed out if the next read of the subscription asks for exactly
 * it (it does unless the current page's transaction failed, or another read of the subscription came between: a
 * snapshot page prefetched before a delta was read is read again after it, so no row is published with a state
 * older than one published before). Nothing is written earlier than before; a page read
 * a moment sooner is as valid as one read later (full-sync pages read live rows, delta pages a fixed snapshot).
 * A prefetched page not asked for within {@code maxAge} is dropped.
 */
final class PrefetchingChangeFeed implements ChangeFeed {

    private final ChangeFeed feed;
    private final Executor executor;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<SubscriptionKey, Prefetch> ahead = new ConcurrentHashMap<>();

    private record Prefetch(FeedRequest request, Instant requestedAt, CompletableFuture<FeedResult> result) {
    }

    public PrefetchingChangeFeed(ChangeFeed feed, Executor executor, Clock clock, Duration maxAge) {
        this.feed = feed;
        this.executor = executor;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    @Override
    public FeedResult read(Subscription subscription, FeedRequest request) {
        Prefetch prefetched = ahead.remove(subscription.key());
        FeedResult result;
        if (prefetched != null && prefetched.request().equals(request)
                && prefetched.requestedAt().plus(maxAge).isAfter(clock.instant())) {
            result = await(prefetched.result());
        } else {
            if (prefetched != null) {
                prefetched.result().cancel(false);
            }
            result = feed.read(subscription, request);
        }
        if (result instanceof FeedResult.Page page && page.next().isPresent()) {
            FeedRequest next = request.following(page.next().get());
            ahead.put(subscription.key(), new Prefetch(next, clock.instant(),
                    CompletableFuture.supplyAsync(() -> feed.read(subscription, next), executor)));
        }
        return result;
    }

    @Override
    public Optional<ColumnsChange> refreshColumns(Subscription subscription) {
        return feed.refreshColumns(subscription);
    }

    @Override
    public Optional<FeedTable> table(Subscription subscription) {
        return feed.table(subscription);
    }

    private static FeedResult await(CompletableFuture<FeedResult> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a prefetched page", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("prefetching a page failed", e.getCause());
        }
    }
}
