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
 * checkpoints, then always polls the subscription that is due first. A subscription with a snapshot on demand in
 * progress reads its snapshot pages whenever its own read is between polls and not due (taking turns with it when
 * both are), so changes keep flowing at their interval while the snapshot goes as fast as Dataverse answers; both
 * reads run on this one thread, one after the other, which is what keeps each record's events in the order of
 * its states.
 */
final class ShardWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ShardWorker.class);
    private static final Duration MAX_IDLE_WAIT = Duration.ofSeconds(1);

    private final int shard;
    private final Supplier<ChangeLog> opener;
    private final Map<SubscriptionKey, Polled> polled = new LinkedHashMap<>();
    private final Map<SubscriptionKey, String> starting;
    private final List<SubscriptionKey> stopped = new ArrayList<>();
    private final Capture capture;
    private final Object monitor = new Object();
    private volatile boolean running = true;
    private volatile boolean fenced;
    private volatile boolean crashed;
    private ChangeLog changeLog;

    /** What the worker shares with its siblings. */
    /**
     * @param failingAfter how long a subscription may fail before CAPTURE_FAILING is published
     */
    record Capture(CapturingChanges capturing, ConnectionStates connections, Pacing pacing, Clock clock,
                   Duration overlap, Duration failingAfter) {
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
        /** When the next snapshot page may be read (after a failed one: its backoff). */
        Instant snapshotDue = Instant.MIN;
        /** The last read was the subscription's own (not a snapshot page): a due snapshot page goes next. */
        boolean ownReadLast;
        Instant failingSince;
        boolean failingAnnounced;

        Polled(Subscription subscription, Tracking tracking) {
            this.subscription = subscription;
            this.tracking = tracking;
        }
    }

    /**
     * @param starting the subscriptions this worker starts, with why (a SUBSCRIPTION_STARTED each); those the
     *                 previous worker of the shard on this instance ran already are not in it
     */
    ShardWorker(int shard, List<Subscription> subscriptions, Supplier<ChangeLog> opener, Capture capture,
                Map<SubscriptionKey, String> starting) {
        this.shard = shard;
        this.opener = opener;
        this.capture = capture;
        this.starting = Map.copyOf(starting);
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
            announceStopped();
            closeLog();
        }
    }

    /** The subscriptions this worker polls. */
    List<Subscription> subscriptions() {
        return polled.values().stream().map(p -> p.subscription).toList();
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
        stop(List.of());
    }

    /** Asks the worker to stop after the page in progress, then to say that {@code removed} stopped for good. */
    void stop(List<SubscriptionKey> removed) {
        synchronized (stopped) {
            stopped.addAll(removed);
        }
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
                announceStarted();
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
            Checkpoint resumed = resumable(p.subscription, checkpoints.get(p.subscription.key()));
            Checkpoint at = p.tracking.restore(resumed, index, now);
            if (at.snapshot() == null && resumed != null && resumed.snapshot() != null) {
                at = at.withSnapshot(resumed.snapshot()); // a strategy switch re-syncs; a snapshot runs once per id
            }
            p.at = at.requested(p.subscription, now);
            p.due = now;
            p.snapshotDue = now;
        });
    }

    private void announceStarted() {
        Instant now = capture.clock().instant();
        List<CaptureNotice> notices = new ArrayList<>();
        polled.values().stream().filter(p -> starting.containsKey(p.subscription.key())).forEach(p ->
                notices.add(CaptureNotice.started(p.subscription.key(), now, starting.get(p.subscription.key())
                        + (p.at.updatedAt() == null ? "; no checkpoint: starting at " + p.subscription.start()
                        : "; resuming from its checkpoint of " + p.at.updatedAt()))));
        announce(notices);
    }

    private void announceStopped() {
        List<CaptureNotice> notices;
        synchronized (stopped) {
            Instant now = capture.clock().instant();
            notices = stopped.stream().map(key -> CaptureNotice.stopped(key, now)).toList();
            stopped.clear();
        }
        announce(notices);
    }

    /** Capture events that are not part of a page: a lost one is a lost notice, never a lost change. */
    private void announce(List<CaptureNotice> notices) {
        if (notices.isEmpty() || changeLog == null) {
            return;
        }
        CommitOutcome outcome = changeLog.announce(notices);
        if (!(outcome instanceof CommitOutcome.Committed)) {
            log.warn("shard {}: capture events {} not published: {}", shard,
                    notices.stream().map(n -> n.type() + " " + n.subscription()).toList(), outcome);
        }
    }

    /** See {@link Checkpoint#resumedBy}: a reset starts over, other change-tracking columns re-sync. */
    private static Checkpoint resumable(Subscription subscription, Checkpoint checkpoint) {
        return checkpoint == null ? null : checkpoint.resumedBy(subscription);
    }

    private void loop() {
        while (running) {
            Polled next = firstDue();
            Instant now = capture.clock().instant();
            if (next == null || dueAt(next).isAfter(now)) {
                await(next == null ? now.plus(MAX_IDLE_WAIT) : dueAt(next));
                continue;
            }
            poll(next);
        }
    }

    private Polled firstDue() {
        Polled first = null;
        for (Polled p : polled.values()) {
            if (capture.connections().status(p.subscription.key().connection()).pollable()
                    && (first == null || dueAt(p).isBefore(dueAt(first)))) {
                first = p;
            }
        }
        return first;
    }

    /** When {@code p} has work: its own read, or sooner a snapshot page. */
    private static Instant dueAt(Polled p) {
        return snapshotting(p) && p.snapshotDue.isBefore(p.due) ? p.snapshotDue : p.due;
    }

    private static boolean snapshotting(Polled p) {
        return p.at != null && p.at.snapshotting() && p.at.betweenPolls();
    }

    private void poll(Polled p) {
        Instant started = capture.clock().instant();
        // When both are due they take turns: a busy table (every poll finds changes, so its read is due again at
        // once) neither starves the snapshot nor is held back by it for more than a page.
        boolean snapshotPage = snapshotting(p) && !p.snapshotDue.isAfter(started)
                && (p.due.isAfter(started) || p.ownReadLast);
        p.ownReadLast = !snapshotPage;
        PollOutcome outcome;
        try {
            outcome = snapshotPage ? capture.capturing().snapshotPage(p.subscription, p.at, changeLog)
                    : capture.capturing().poll(p.subscription, p.tracking, p.at, changeLog);
        } catch (RuntimeException e) {
            if (!running) {
                return; // stopping: the page in progress was interrupted, nothing of it is committed
            }
            log.error("shard {}: poll of {} failed", shard, p.subscription.key(), e);
            outcome = new PollOutcome.NotCommitted(e.toString());
        }
        if (snapshotPage) {
            recordSnapshot(p, outcome);
        } else {
            record(p, outcome, started);
        }
    }

    /** A snapshot page leaves the rhythm of the subscription's own read alone. */
    private void recordSnapshot(Polled p, PollOutcome outcome) {
        Instant now = capture.clock().instant();
        p.lastPollAt = now;
        p.lastOutcome = "snapshot: " + describe(outcome);
        if (outcome instanceof PollOutcome.Captured captured) {
            p.at = captured.next();
            p.failures = 0;
            recovered(p, now);
            p.snapshotDue = now;
            return;
        }
        if (outcome instanceof PollOutcome.Uncertain || outcome instanceof PollOutcome.Fenced) {
            record(p, outcome, now);
            return;
        }
        failed(p, outcome);
        p.snapshotDue = now.plus(capture.pacing().after(p.subscription, outcome, p.failures));
    }

    private void record(Polled p, PollOutcome outcome, Instant started) {
        Instant now = capture.clock().instant();
        p.lastPollAt = now;
        p.lastOutcome = describe(outcome);
        if (outcome instanceof PollOutcome.Captured captured) {
            p.at = captured.next();
            p.failures = 0;
            recovered(p, now);
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
        Instant now = capture.clock().instant();
        if (p.failingSince == null) {
            p.failingSince = now;
        } else if (!p.failingAnnounced && !now.isBefore(p.failingSince.plus(capture.failingAfter()))) {
            p.failingAnnounced = true;
            capture.capturing().failing(p.subscription.key(), true);
            announce(List.of(CaptureNotice.failing(p.subscription.key(), now, reasonCode(outcome),
                    "failing since " + p.failingSince + " (" + p.failures + " polls in a row): " + describe(outcome),
                    p.failingSince)));
        }
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

    private void recovered(Polled p, Instant now) {
        if (p.failingAnnounced) {
            capture.capturing().failing(p.subscription.key(), false);
            announce(List.of(CaptureNotice.recovered(p.subscription.key(), now, p.failingSince)));
        }
        p.failingSince = null;
        p.failingAnnounced = false;
    }

    private static String reasonCode(PollOutcome outcome) {
        return outcome instanceof PollOutcome.Deferred d ? d.reason().name() : "COMMIT";
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
