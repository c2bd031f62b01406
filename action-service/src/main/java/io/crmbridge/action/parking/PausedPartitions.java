package io.crmbridge.action.parking;

import java.util.Collection;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.action.holding.ConnectionHolds;
import io.crmbridge.action.parking.HoldDeadline;
import io.crmbridge.crm.connection.ConnectionId;
import org.apache.kafka.common.TopicPartition;

/**
 * Waiting partitions stopped at a command whose connection cannot write because their offset metadata names as
 * many waiting connections as it can ({@link WaitingRange#MAX_BACKLOGS}), and when to resume them: once the
 * connection is released, or the command's deadline has passed (so it fails with TOKEN_EXPIRED).
 */
public final class PausedPartitions {

    private record Head(ConnectionId connection, Instant parkedAt) {
    }

    private final Map<TopicPartition, Head> heads = new HashMap<>();

    public void paused(TopicPartition partition, ConnectionId connection, Instant parkedAt) {
        heads.put(partition, new Head(connection, parkedAt));
    }

    /** The paused partitions that may go on now; they are forgotten here. */
    public List<TopicPartition> resumable(ConnectionHolds holds, HoldDeadline deadline, Instant now) {
        List<TopicPartition> resumable = heads.entrySet().stream()
                .filter(e -> !holds.isHeld(e.getValue().connection()) || deadline.passed(e.getValue().parkedAt(), now))
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
