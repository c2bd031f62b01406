package io.crmbridge.poller.capture;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.crmbridge.poller.subscription.ConnectionStates;
import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.poller.subscription.SubscriptionKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions this instance polls, shard by shard, as ownership of shards comes and goes (on Kafka: the
 * partitions of {@code crm.poller-checkpoints} assigned to this instance's consumer-group member). Each owned
 * shard has a {@link ShardWorker} thread.
 */
public final class OwnedSubscriptions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OwnedSubscriptions.class);

    private final List<Subscription> subscriptions;
    private final ShardWorker.Capture capture;
    private final Duration stopTimeout;
    private final Map<Integer, Running> shards = new ConcurrentHashMap<>();
    private final Set<Integer> emptyShards = ConcurrentHashMap.newKeySet();

    private record Running(ShardWorker worker, Thread thread) {
    }

    /**
     * @param subscriptions every configured subscription (of every instance)
     * @param stopTimeout   how long a revoked shard may take to finish its page before its thread is interrupted
     */
    public OwnedSubscriptions(List<Subscription> subscriptions, CapturingChanges capturing,
                              ConnectionStates connections, Pacing pacing, Clock clock, Duration overlap,
                              Duration stopTimeout) {
        this.subscriptions = List.copyOf(subscriptions);
        this.capture = new ShardWorker.Capture(capturing, connections, pacing, clock, overlap);
        this.stopTimeout = stopTimeout;
        connections.onChange(connection -> shards.values().forEach(r -> r.worker().connectionChanged(connection)));
    }

    /**
     * This instance now owns {@code shard}: starts polling the subscriptions {@code owns} accepts, writing to the
     * log {@code opener} opens (on the worker's thread, which may block while it fences the previous owner).
     */
    public void assigned(int shard, Predicate<SubscriptionKey> owns, Supplier<ChangeLog> opener) {
        List<Subscription> owned = subscriptions.stream().filter(s -> owns.test(s.key())).toList();
        if (owned.isEmpty()) {
            emptyShards.add(shard); // nothing to poll: no producer, no thread
            return;
        }
        ShardWorker worker = new ShardWorker(shard, owned, opener, capture);
        Thread thread = new Thread(worker, "poller-shard-" + shard);
        thread.setDaemon(true);
        Running previous = shards.put(shard, new Running(worker, thread));
        if (previous != null) {
            stop(shard, previous);
        }
        thread.start();
    }

    /** This instance no longer owns {@code shard}: finishes the page in progress (or abandons it) and stops. */
    public void revoked(int shard) {
        emptyShards.remove(shard);
        Running running = shards.remove(shard);
        if (running != null) {
            stop(shard, running);
        }
    }

    public PokeResult poke(SubscriptionKey key) {
        for (Running running : shards.values()) {
            if (running.worker().poke(key)) {
                return PokeResult.SCHEDULED;
            }
        }
        return subscriptions.stream().anyMatch(s -> s.key().equals(key)) ? PokeResult.NOT_OWNED_HERE
                : PokeResult.UNKNOWN;
    }

    /** The shards this instance owns, with or without subscriptions. */
    public Set<Integer> shards() {
        Set<Integer> all = new TreeSet<>(shards.keySet());
        all.addAll(emptyShards);
        return all;
    }

    /** Whether no owned shard's worker has stopped unexpectedly (a fenced one waits for the group to move it). */
    public boolean healthy() {
        return shards.values().stream().noneMatch(r -> r.worker().crashed());
    }

    /** The shards whose worker was fenced by a new owner. */
    public Set<Integer> fencedShards() {
        Set<Integer> fenced = new TreeSet<>();
        shards.forEach((shard, r) -> {
            if (r.worker().fenced()) {
                fenced.add(shard);
            }
        });
        return fenced;
    }

    public List<SubscriptionStatus> status() {
        List<SubscriptionStatus> statuses = new ArrayList<>();
        shards.values().forEach(r -> statuses.addAll(r.worker().status()));
        return statuses;
    }

    public List<Subscription> subscriptions() {
        return subscriptions;
    }

    @Override
    public void close() {
        new ArrayList<>(shards.keySet()).forEach(this::revoked);
    }

    private void stop(int shard, Running running) {
        running.worker().stop();
        try {
            running.thread().join(stopTimeout.toMillis());
            if (running.thread().isAlive()) {
                log.warn("shard {}: page still in progress after {}; interrupting it", shard, stopTimeout);
                running.thread().interrupt();
                running.thread().join(stopTimeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
