package io.crmbridge.action.parking;

import java.util.Collection;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

import io.crmbridge.crm.connection.ConnectionId;
import org.apache.kafka.common.TopicPartition;

/**
 * Waiting partitions stopped at a command whose connection cannot write because their offset metadata names as
 * many waiting connections as it can ({@link WaitingRange#MAX_BACKLOGS}), and when to resume them: once the
 * connection is released, or the command's deadline has passed (so it fails with TOKEN_EXPIRED): {@code canGoOn}
 * (connection, parked at) says which.
 */
public final class PausedPartitions {

    private record Head(ConnectionId connection, Instant parkedAt) {
    }

    private final Map<TopicPartition, Head> heads = new HashMap<>();

    public void paused(TopicPartition partition, ConnectionId connection, Instant parkedAt) {
        heads.put(partition, new Head(connection, parkedAt));
    }

    /** The paused partitions that may go on now; they are forgotten here. */
    public List<TopicPartition> resumable(BiPredicate<ConnectionId, Instant> canGoOn) {
        List<TopicPartition> resumable = heads.entrySet().stream()
                .filter(e -> canGoOn.test(e.getValue().connection(), e.getValue().parkedAt()))
                .map(Map.Entry::getKey).toList();
        resumable.forEach(heads::remove);
        return resumable;
    }

    public boolean contains(TopicPartition partition) {
        return heads.containsKey(partition);
    }

    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(heads::remove);
    }
}
