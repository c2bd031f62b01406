package io.crmbridge.poller.capture;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.poller.tracking.ChangeFeed;
import io.crmbridge.poller.tracking.Checkpoint;
import io.crmbridge.poller.tracking.RecordIndex;
import io.crmbridge.poller.tracking.Tracking;

/** Drives one subscription through {@link CapturingChanges} as a worker would, without threads. */
final class CaptureDriver {

    static final Duration OVERLAP = Duration.ofSeconds(2);

    private final Subscription subscription;
    private final CapturingChanges capturing;
    private final InMemoryChangeLog changeLog;
    private final Clock clock;
    private Tracking tracking;
    private Checkpoint at;
    private final List<PollOutcome> outcomes = new ArrayList<>();

    CaptureDriver(Subscription subscription, ChangeFeed feed, InMemoryChangeLog changeLog, Clock clock) {
        this.subscription = subscription;
        this.capturing = new CapturingChanges(feed, clock, CaptureMetrics.NONE, Duration.ofHours(1));
        this.changeLog = changeLog;
        this.clock = clock;
        restart();
    }

    /** A new instance takes over: fresh strategy memory, checkpoint from the log. */
    void restart() {
        tracking = Tracking.of(subscription, OVERLAP);
        restore();
    }

    private void restore() {
        at = tracking.restore(changeLog.checkpoints().get(subscription.key()),
                changeLog.records().getOrDefault(subscription.key(), new RecordIndex()), clock.instant());
    }

    PollOutcome pollOnce() {
        PollOutcome outcome = capturing.poll(subscription, tracking, at, changeLog);
        outcomes.add(outcome);
        if (outcome instanceof PollOutcome.Captured captured) {
            at = captured.next();
        } else if (outcome instanceof PollOutcome.Resync resync) {
            at = resync.next();
        } else if (outcome instanceof PollOutcome.Uncertain) {
            restore();
        }
        return outcome;
    }

    /** Polls until a poll ends without more pages to read (at most 1,000 polls). */
    void pollUntilCaughtUp() {
        for (int i = 0; i < 1000; i++) {
            PollOutcome outcome = pollOnce();
            boolean again = outcome instanceof PollOutcome.Resync || outcome instanceof PollOutcome.Uncertain
                    || outcome instanceof PollOutcome.NotCommitted
                    || (outcome instanceof PollOutcome.Captured captured && captured.more());
            if (!again) {
                return;
            }
        }
        throw new AssertionError("did not catch up in 1,000 polls");
    }

    Checkpoint checkpoint() {
        return at;
    }

    List<PollOutcome> outcomes() {
        return outcomes;
    }
}
