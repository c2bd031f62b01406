package io.crmbridge.poller.capture;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.crmbridge.poller.subscription.ConnectionStates;
import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.poller.subscription.SubscriptionCatalogue;
import io.crmbridge.poller.subscription.SubscriptionKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions this instance polls, shard by shard, as ownership of shards comes and goes (on Kafka: the
 * partitions of {@code crm.poller-checkpoints} assigned to this instance's consumer-group member). Each owned
 * shard has a {@link ShardWorker} thread. What a shard polls comes from the {@link SubscriptionCatalogue}: when a
 * subscription of an owned shard is added, changed or removed, the shard's worker is restarted with the new set —
 * the same path an ownership move takes (finish the page, reopen the log, restore the checkpoints), so every
 * guarantee of a move holds for a change too.
 */
public final class OwnedSubscriptions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OwnedSubscriptions.class);

    private final SubscriptionCatalogue catalogue;
    private final ShardWorker.Capture capture;
    private final Duration stopTimeout;
    private final Map<Integer, Running> shards = new ConcurrentHashMap<>();
    private final Set<Integer> emptyShards = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Assignment> assignments = new ConcurrentHashMap<>();
    private final ExecutorService changes = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "poller-subscription-changes");
        thread.setDaemon(true);
        return thread;
    });

    private record Running(ShardWorker worker, Thread thread) {
    }

    private record Assignment(Predicate<SubscriptionKey> owns, Supplier<ChangeLog> opener) {
    }

    /**
     * @param catalogue   every subscription (of every instance)
     * @param stopTimeout  how long a revoked shard may take to finish its page before its thread is interrupted
     * @param failingAfter how long a subscription may fail before CAPTURE_FAILING is published
     */
    public OwnedSubscriptions(SubscriptionCatalogue catalogue, CapturingChanges capturing,
                              ConnectionStates connections, Pacing pacing, Clock clock, Duration overlap,
                              Duration stopTimeout, Duration failingAfter) {
        this.catalogue = catalogue;
        this.capture = new ShardWorker.Capture(capturing, connections, pacing, clock, overlap, failingAfter);
        this.stopTimeout = stopTimeout;
        connections.onChange(connection -> shards.values().forEach(r -> r.worker().connectionChanged(connection)));
        // Off the catalogue's thread: restarting a worker waits for its page to finish.
        catalogue.onChange(key -> changes.execute(() -> changed(key)));
    }

    /**
     * This instance now owns {@code shard}: starts polling the subscriptions {@code owns} accepts, writing to the
     * log {@code opener} opens (on the worker's thread, which may block while it fences the previous owner).
     */
    public synchronized void assigned(int shard, Predicate<SubscriptionKey> owns, Supplier<ChangeLog> opener) {
        assignments.put(shard, new Assignment(owns, opener));
        start(shard);
    }

    /** This instance no longer owns {@code shard}: finishes the page in progress (or abandons it) and stops. */
    public synchronized void revoked(int shard) {
        assignments.remove(shard);
        emptyShards.remove(shard);
        Running running = shards.remove(shard);
        if (running != null) {
            stop(shard, running);
        }
    }

    /** A subscription was added, changed or removed: the shard that owns it here polls the new set. */
    private synchronized void changed(SubscriptionKey key) {
        assignments.forEach((shard, assignment) -> {
            if (assignment.owns().test(key)) {
                log.info("shard {}: subscription {} changed; restarting the shard's polling with it", shard, key);
                start(shard);
            }
        });
    }

    private void start(int shard) {
        Assignment assignment = assignments.get(shard);
        List<Subscription> owned = catalogue.subscriptions().stream()
                .filter(s -> assignment.owns().test(s.key())).toList();
        Running previous = shards.remove(shard);
        List<Subscription> before = previous == null ? List.of() : previous.worker().subscriptions();
        if (previous != null) {
            // Removed from the catalogue (not merely moved elsewhere): the old worker says they stopped.
            List<SubscriptionKey> removed = before.stream().map(Subscription::key)
                    .filter(key -> catalogue.spec(key).isEmpty()).toList();
            previous.worker().stop(removed);
            stop(shard, previous);
        }
        if (owned.isEmpty()) {
            emptyShards.add(shard); // nothing to poll: no producer, no thread
            return;
        }
        emptyShards.remove(shard);
        ShardWorker worker = new ShardWorker(shard, owned, assignment.opener(), capture, starting(before, owned));
        Thread thread = new Thread(worker, "poller-shard-" + shard);
        thread.setDaemon(true);
        shards.put(shard, new Running(worker, thread));
        thread.start();
    }

    /** Why each of {@code owned} starts, leaving out those {@code before} ran already as they are now. */
    private static Map<SubscriptionKey, String> starting(List<Subscription> before, List<Subscription> owned) {
        Map<SubscriptionKey, Subscription> ran = new HashMap<>();
        before.forEach(s -> ran.put(s.key(), s));
        Map<SubscriptionKey, String> starting = new HashMap<>();
        for (Subscription s : owned) {
            Subscription was = ran.get(s.key());
            if (was == null) {
                starting.put(s.key(), "capturing on this instance");
            } else if (!sameBut(was, s)) {
                starting.put(s.key(), "restarted with changed settings");
            }
        }
        return starting;
    }

    /** Whether two runs of a subscription differ in nothing but the snapshot asked for. */
    private static boolean sameBut(Subscription a, Subscription b) {
        return a.equals(new Subscription(b.key(), b.entitySet(), b.columns(), b.strategy(), b.interval(),
                b.activeInterval(), b.pageSize(), b.start(), b.formattedValues(), b.generation(), a.snapshot()));
    }

    public PokeResult poke(SubscriptionKey key) {
        for (Running running : shards.values()) {
            if (running.worker().poke(key)) {
                return PokeResult.SCHEDULED;
            }
        }
        return catalogue.spec(key).isPresent() ? PokeResult.NOT_OWNED_HERE : PokeResult.UNKNOWN;
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
        return catalogue.subscriptions();
    }

    @Override
    public void close() {
        changes.shutdownNow();
        new ArrayList<>(assignments.keySet()).forEach(this::revoked);
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
