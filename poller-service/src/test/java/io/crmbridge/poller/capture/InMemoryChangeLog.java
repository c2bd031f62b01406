package io.crmbridge.poller.capture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.Checkpoint;
import io.crmbridge.poller.tracking.RecordIndex;

/**
 * A change log in memory with Kafka's transactional semantics: an append (events, record-index entries and
 * checkpoint) is all or nothing, and only what was committed is restored. Outcomes can be queued: {@code Aborted}
 * writes nothing; {@code Uncertain} commits and then reports uncertainty, the harder case.
 */
public final class InMemoryChangeLog implements ChangeLog {

    private final List<CapturedChange> committed = new ArrayList<>();
    private final List<CaptureNotice> notices = new ArrayList<>();
    private final Map<SubscriptionKey, Checkpoint> checkpoints = new HashMap<>();
    /** The compacted record topic: subscription → record id → entry (removed on a tombstone). */
    private final Map<SubscriptionKey, Map<String, RecordIndex.Entry>> records = new HashMap<>();
    private final Deque<CommitOutcome> outcomes = new ArrayDeque<>();
    private int transactions;

    @Override
    public synchronized Map<SubscriptionKey, Checkpoint> checkpoints() {
        return new HashMap<>(checkpoints);
    }

    @Override
    public synchronized Map<SubscriptionKey, RecordIndex> records() {
        Map<SubscriptionKey, RecordIndex> restored = new HashMap<>();
        records.forEach((key, entries) -> {
            RecordIndex index = new RecordIndex();
            entries.values().forEach(entry -> index.put(entry.recordId(), entry.etag()));
            restored.put(key, index);
        });
        return restored;
    }

    @Override
    public synchronized CommitOutcome append(SubscriptionKey subscription, List<CapturedChange> changes,
                                             List<RecordIndex.Entry> indexed, Checkpoint next,
                                             List<CaptureNotice> notices) {
        CommitOutcome outcome = outcomes.isEmpty() ? new CommitOutcome.Committed() : outcomes.poll();
        if (outcome instanceof CommitOutcome.Committed || outcome instanceof CommitOutcome.Uncertain) {
            committed.addAll(changes);
            this.notices.addAll(notices);
            Map<String, RecordIndex.Entry> entries = records.computeIfAbsent(subscription, k -> new LinkedHashMap<>());
            indexed.forEach(entry -> {
                if (entry.removed()) {
                    entries.remove(entry.recordId());
                } else {
                    entries.put(entry.recordId(), entry);
                }
            });
            checkpoints.put(subscription, next);
            transactions++;
        }
        return outcome;
    }

    @Override
    public synchronized CommitOutcome announce(List<CaptureNotice> notices) {
        this.notices.addAll(notices);
        return new CommitOutcome.Committed();
    }

    /** The capture notices committed so far, in order. */
    public synchronized List<CaptureNotice> notices() {
        return List.copyOf(notices);
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

    /** The committed record index of {@code key}: record id → ETag. */
    public synchronized Map<String, String> indexed(SubscriptionKey key) {
        Map<String, String> etags = new LinkedHashMap<>();
        records.getOrDefault(key, Map.of()).values().forEach(entry -> etags.put(entry.recordId(), entry.etag()));
        return etags;
    }

    public synchronized int transactions() {
        return transactions;
    }

    @Override
    public void close() {
    }
}
