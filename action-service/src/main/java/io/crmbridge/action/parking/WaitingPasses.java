package io.crmbridge.action.parking;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The current read of each waiting partition this loop owns, by partition number. */
public final class WaitingPasses {

    private final Map<Integer, WaitingPass> passes = new HashMap<>();

    public void assigned(int partition, WaitingRange committed) {
        passes.put(partition, new WaitingPass(committed, committed.committed()));
    }

    /** The partition's read; one starting at {@code firstOffset} if the partition was never seen (no metadata). */
    public WaitingPass of(int partition, long firstOffset) {
        return passes.computeIfAbsent(partition, p -> new WaitingPass(WaitingRange.startingAt(firstOffset),
                firstOffset));
    }

    public Map<Integer, WaitingPass> all() {
        return passes;
    }

    public void forget(Collection<Integer> partitions) {
        partitions.forEach(passes::remove);
    }
}
