package io.crmbridge.poller.capture;

import java.util.List;
import java.util.Map;

import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.Checkpoint;

/**
 * Where the changes of the subscriptions of one shard go, with their checkpoints (port). On Kafka: the change
 * topics plus one partition of {@code crm.poller-checkpoints}, written by a transactional producer that owns that
 * partition, so a page's events and its checkpoint are committed together or not at all, and a previous owner of
 * the partition can no longer commit.
 */
public interface ChangeLog extends AutoCloseable {

    /** The latest committed checkpoint of every subscription of the shard (read_committed). */
    Map<SubscriptionKey, Checkpoint> checkpoints();

    /** Writes {@code changes} and then {@code next}, atomically. */
    CommitOutcome append(SubscriptionKey subscription, List<CapturedChange> changes, Checkpoint next);

    /** Releases the log without committing anything in flight. */
    @Override
    void close();
}
