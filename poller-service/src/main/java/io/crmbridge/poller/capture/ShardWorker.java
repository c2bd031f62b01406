package io.crmbridge.poller.capture;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.poller.subscription.ConnectionStates;
import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.Checkpoint;
import io.crmbridge.poller.tracking.FeedFailure;
import io.crmbridge.poller.tracking.RecordIndex;
import io.crmbridge.poller.tracking.Tracking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the subscriptions of one owned shard, one page at a time, on a thread of its own: the shard's
 * {@link ChangeLog} runs one transaction at a time. Opens the log (which fences a previous owner), restores the
 * checkpoints, then always polls the subscription that is due first.
 */
final class ShardWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ShardWorker.class);
    private static final Duration MAX_IDLE_WAIT = Duration.ofSeconds(1);

    private final int shard;
    private final Supplier<ChangeLog> opener;
    private final Map<SubscriptionKey, Polled> polled = new LinkedHashMap<>();
    private final Capture capture;
    private final Object monitor = new Object();
    private volatile boolean running = true;
    private volatile boolean fenced;
    private volatile boolean crashed;
    private ChangeLog changeLog;

    /** What the worker shares with its siblings. */
    record Capture(CapturingChanges capturing, ConnectionStates connections, Pacing pacing, Clock clock,
                   Duration overlap) {
    }

    /** One subscription's state in this worker. Written by the worker thread, read by status(). */
    private static final class Polled {
        final Subscription subscription;
        final Tracking tracking;
        volatile Checkpoint at;
        volatile Instant due;
        volatile Instant lastPollAt;
        volatile String lastOutcome = "not polled yet";
        volatile int failures;

        Polled(Subscription subscription, Tracking tracking) {
            this.subscription = subscription;
            this.tracking = tracking;
        }
    }

    ShardWorker(int shard, List<Subscription> subscriptions, Supplier<ChangeLog> opener, Capture capture) {
        this.shard = shard;
        this.opener = opener;
        this.capture = capture;
        subscriptions.forEach(s -> polled.put(s.key(), new Polled(s, Tracking.of(s, capture.overlap()))));
    }

    @Override
    public void run() {
        try {
            if (open()) {
                loop();
            }
        } catch (RuntimeException | Error e) {
            crashed = true;
            log.error("shard {}: worker failed; its subscriptions are not polled until the shard is reassigned", shard, e);
            throw e;
        } finally {
            closeLog();
        }
    }

    /** Whether the worker stopped unexpectedly (not asked to, not fenced by a new owner). */
    boolean crashed() {
        return crashed;
    }

    /** Whether another instance fenced this worker's shard: the group is about to move it. */
    boolean fenced() {
        return fenced;
    }

    /** Asks the worker to stop after the page in progress. */
    void stop() {
        running = false;
        wake();
    }

    /** Polls {@code key} as soon as possible; false when this shard does not hold it. */
    boolean poke(SubscriptionKey key) {
        Polled p = polled.get(key);
        if (p == null) {
            return false;
        }
        p.due = capture.clock().instant();
        wake();
        return true;
    }

    /**
     * A connection's status changed. When it may be polled again (a newer grant, RECONNECTED), its subscriptions that
     * were refused are due at once: their backoff waited for the connection, which is back.
     */
    void connectionChanged(ConnectionId connection) {
        if (capture.connections().status(connection).pollable()) {
            Instant now = capture.clock().instant();
            polled.values().stream().filter(p -> p.subscription.key().connection().equals(connection) && p.failures > 0)
                    .forEach(p -> p.due = now);
        }
        wake();
    }

    void wake() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    List<SubscriptionStatus> status() {
        List<SubscriptionStatus> statuses = new ArrayList<>();
        polled.values().forEach(p -> statuses.add(new SubscriptionStatus(p.subscription.key(), shard,
                capture.connections().status(p.subscription.key().connection()), p.lastOutcome, p.lastPollAt, p.due,
                p.failures, describe(p.at))));
        return statuses;
    }

    private boolean open() {
        int attempts = 0;
        while (running) {
            try {
                changeLog = opener.get();
                restore();
                log.info("shard {}: polling {} subscriptions {}", shard, polled.size(), polled.keySet());
                return true;
            } catch (RuntimeException e) {
                closeLog();
                Duration wait = capture.pacing().backoff(++attempts);
                log.warn("shard {}: cannot open its change log (attempt {}), retry in {}: {}", shard, attempts, wait,
                        e.toString());
                await(capture.clock().instant().plus(wait));
            }
        }
        return false;
    }

    private void restore() {
        Map<SubscriptionKey, Checkpoint> checkpoints = changeLog.checkpoints();
        Map<SubscriptionKey, RecordIndex> records = changeLog.records();
        Instant now = capture.clock().instant();
        polled.values().forEach(p -> {
            RecordIndex index = records.getOrDefault(p.subscription.key(), new RecordIndex());
            p.at = p.tracking.restore(resumable(p.subscription, checkpoints.get(p.subscription.key())), index, now);
            p.due = now;
        });
    }

    /** See {@link Checkpoint#resumedBy}: a reset starts over, other change-tracking columns re-sync. */
    private static Checkpoint resumable(Subscription subscription, Checkpoint checkpoint) {
        return checkpoint == null ? null : checkpoint.resumedBy(subscription);
    }

    private void loop() {
        while (running) {
            Polled next = firstDue();
            Instant now = capture.clock().instant();
            if (next == null || next.due.isAfter(now)) {
                await(next == null ? now.plus(MAX_IDLE_WAIT) : next.due);
                continue;
            }
            poll(next);
        }
    }

    private Polled firstDue() {
        Polled first = null;
        for (Polled p : polled.values()) {
            if (capture.connections().status(p.subscription.key().connection()).pollable()
                    && (first == null || p.due.isBefore(first.due))) {
                first = p;
            }
        }
        return first;
    }

    private void poll(Polled p) {
        Instant started = capture.clock().instant();
        PollOutcome outcome;
        try {
            outcome = capture.capturing().poll(p.subscription, p.tracking, p.at, changeLog);
        } catch (RuntimeException e) {
            if (!running) {
                return; // stopping: the page in progress was interrupted, nothing of it is committed
            }
            log.error("shard {}: poll of {} failed", shard, p.subscription.key(), e);
            outcome = new PollOutcome.NotCommitted(e.toString());
        }
        record(p, outcome, started);
    }

    private void record(Polled p, PollOutcome outcome, Instant started) {
        Instant now = capture.clock().instant();
        p.lastPollAt = now;
        p.lastOutcome = describe(outcome);
        if (outcome instanceof PollOutcome.Captured captured) {
            p.at = captured.next();
            p.failures = 0;
        } else if (outcome instanceof PollOutcome.Resync resync) {
            p.at = resync.next();
            p.failures = 0;
        } else if (outcome instanceof PollOutcome.Uncertain uncertain) {
            log.warn("shard {}: unknown whether a page of {} was committed ({}); reloading checkpoints", shard,
                    p.subscription.key(), uncertain.reason());
            reloadOrStop();
        } else if (outcome instanceof PollOutcome.Fenced fenced) {
            log.warn("shard {}: another instance owns it now ({}); stopping", shard, fenced.reason());
            this.fenced = true;
            running = false;
            return;
        } else {
            failed(p, outcome);
        }
        Duration wait = capture.pacing().after(p.subscription, outcome, p.failures);
        // Polls of a healthy subscription keep their rhythm (start to start); after a failure the wait starts now.
        p.due = (outcome instanceof PollOutcome.Captured ? started : now).plus(wait);
        if (outcome instanceof PollOutcome.Deferred d && d.reason() == FeedFailure.UNAUTHORIZED
                && capture.connections().status(p.subscription.key().connection()).pollable()) {
            p.due = now; // a newer grant resumed the connection while this poll failed: the wait is over already
        }
    }

    private void failed(Polled p, PollOutcome outcome) {
        p.failures++;
        if (outcome instanceof PollOutcome.Deferred deferred) {
            if (deferred.reason() == FeedFailure.UNAUTHORIZED) {
                capture.connections().unauthorized(p.subscription.key().connection());
            }
            log.warn("shard {}: poll {} of {} failed {} ({} in a row): {}", shard, p.subscription.key(),
                    p.subscription.entity(), deferred.reason(), p.failures, deferred.detail());
        } else {
            log.warn("shard {}: page of {} not committed ({} in a row): {}", shard, p.subscription.key(), p.failures,
                    ((PollOutcome.NotCommitted) outcome).reason());
        }
    }

    private void reloadOrStop() {
        try {
            restore();
        } catch (RuntimeException e) {
            log.error("shard {}: cannot reload checkpoints; stopping so the shard can be reassigned", shard, e);
            crashed = true;
            running = false;
        }
    }

    private void await(Instant until) {
        long millis = Math.min(Duration.between(capture.clock().instant(), until).toMillis(), MAX_IDLE_WAIT.toMillis());
        if (millis <= 0 || !running) {
            return;
        }
        synchronized (monitor) {
            try {
                monitor.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private void closeLog() {
        if (changeLog != null) {
            try {
                changeLog.close();
            } catch (RuntimeException e) {
                log.warn("shard {}: closing its change log failed: {}", shard, e.toString());
            }
            changeLog = null;
        }
    }

    private static String describe(PollOutcome outcome) {
        if (outcome instanceof PollOutcome.Captured c) {
            return "captured " + c.published() + (c.more() ? ", more pages" : "");
        }
        if (outcome instanceof PollOutcome.Deferred d) {
            return "deferred " + d.reason() + ": " + d.detail();
        }
        return outcome.getClass().getSimpleName();
    }

    private static String describe(Checkpoint at) {
        if (at == null) {
            return "opening";
        }
        if (at.nextLink() != null) {
            return at.inFullSync() ? (at.synced() ? "re-sync, paging" : "initial sync, paging") : "paging";
        }
        return at.deltaLink() != null ? "delta" : at.watermark() != null ? "watermark " + at.watermark()
                : at.synced() ? "re-sync" : "initial sync";
    }
}
