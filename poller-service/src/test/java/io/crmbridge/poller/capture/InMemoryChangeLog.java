package io.crmbridge.poller.capture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.Checkpoint;

/**
 * A change log in memory with Kafka's transactional semantics: an append is all or nothing, and only committed
 * checkpoints are restored (without what the instance knew of a sync in progress). Outcomes can be queued:
 * {@code Aborted} writes nothing; {@code Uncertain} commits and then reports uncertainty, the harder case.
 */
public final class InMemoryChangeLog implements ChangeLog {

    private final List<CapturedChange> committed = new ArrayList<>();
    private final Map<SubscriptionKey, Checkpoint> checkpoints = new HashMap<>();
    private final Deque<CommitOutcome> outcomes = new ArrayDeque<>();
    private int transactions;

    @Override
    public synchronized Map<SubscriptionKey, Checkpoint> checkpoints() {
        Map<SubscriptionKey, Checkpoint> restored = new HashMap<>();
        checkpoints.forEach((key, c) -> restored.put(key, Checkpoint.restored(c.strategy(), c.deltaLink(),
                c.nextLink(), c.watermark(), c.maxVersion(), c.aheadOfDelta(), c.updatedAt())));
        return restored;
    }

    @Override
    public synchronized CommitOutcome append(SubscriptionKey subscription, List<CapturedChange> changes,
                                             Checkpoint next) {
        CommitOutcome outcome = outcomes.isEmpty() ? new CommitOutcome.Committed() : outcomes.poll();
        if (outcome instanceof CommitOutcome.Committed || outcome instanceof CommitOutcome.Uncertain) {
            committed.addAll(changes);
            checkpoints.put(subscription, next);
            transactions++;
        }
        return outcome;
    }

    /** The next append ends with {@code outcome}. */
    public synchronized void answerNext(CommitOutcome outcome) {
        outcomes.add(outcome);
    }

    public synchronized List<CapturedChange> committed() {
        return List.copyOf(committed);
    }

    public synchronized Checkpoint checkpoint(SubscriptionKey key) {
        return checkpoints.get(key);
    }

    public synchronized int transactions() {
        return transactions;
    }

    @Override
    public void close() {
    }
}
