package io.crmbridge.poller.capture;

import java.util.List;
import java.util.Map;

import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.Checkpoint;
import io.crmbridge.poller.tracking.RecordIndex;

/**
 * Where the changes of the subscriptions of one shard go, with their checkpoints (port). On Kafka: the change
 * topics plus one partition of {@code crm.poller-checkpoints}, written by a transactional producer that owns that
 * partition, so a page's events and its checkpoint are committed together or not at all, and a previous owner of
 * the partition can no longer commit.
 */
interface ChangeLog extends AutoCloseable {

    /** The latest committed checkpoint of every subscription of the shard (read_committed). */
    Map<SubscriptionKey, Checkpoint> checkpoints();

    /** The committed record index of every subscription of the shard (read_committed); absent ones are empty. */
    Map<SubscriptionKey, RecordIndex> records();

    /**
     * Writes {@code changes}, the record-index entries {@code indexed}, the capture {@code notices} they bring about
     * and then {@code next}, atomically.
     */
    CommitOutcome append(SubscriptionKey subscription, List<CapturedChange> changes, List<RecordIndex.Entry> indexed,
                         Checkpoint next, List<CaptureNotice> notices);

    /** Writes {@code changes}, the record-index entries {@code indexed} and then {@code next}, atomically. */
    default CommitOutcome append(SubscriptionKey subscription, List<CapturedChange> changes,
                                 List<RecordIndex.Entry> indexed, Checkpoint next) {
        return append(subscription, changes, indexed, next, List.of());
    }

    /** Writes capture notices that belong to no page (a subscription started or stopped, a failure), atomically. */
    CommitOutcome announce(List<CaptureNotice> notices);

    /** Releases the log without committing anything in flight. */
    @Override
    void close();
}
