package io.crmbridge.action.parking;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/** The current read of each waiting partition this loop owns. */
public final class WaitingPasses {

    private final Map<TopicPartition, WaitingPass> passes = new HashMap<>();

    public void assigned(TopicPartition partition, WaitingRange committed) {
        passes.put(partition, new WaitingPass(committed, committed.committed()));
    }

    /** The partition's read; one starting at {@code firstOffset} if the partition was never seen (no metadata). */
    public WaitingPass of(TopicPartition partition, long firstOffset) {
        return passes.computeIfAbsent(partition, p -> new WaitingPass(WaitingRange.startingAt(firstOffset),
                firstOffset));
    }

    public Map<TopicPartition, WaitingPass> all() {
        return passes;
    }

    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(passes::remove);
    }
}
