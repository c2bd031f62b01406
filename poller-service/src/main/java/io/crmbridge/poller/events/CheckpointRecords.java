package io.crmbridge.poller.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import io.crmbridge.events.PollCheckpoint;
import io.crmbridge.events.PollStrategy;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.Checkpoint;
import io.crmbridge.poller.tracking.DeltaLink;
import io.crmbridge.poller.tracking.PageLink;
import io.crmbridge.poller.tracking.Watermark;

/**
 * Checkpoints as {@code PollCheckpoint} values and back. The contract has no field for when the previous
 * complete sync started (the CREATED/UPDATED boundary): see {@link Checkpoint#restored}. CHANGE_TRACKING has no
 * watermark, so {@code watermarkIds} carries its rows ahead of the delta as {@code <id>@<version>}.
 */
final class CheckpointRecords {

    private CheckpointRecords() {
    }

    static PollCheckpoint toRecord(SubscriptionKey key, Checkpoint checkpoint) {
        return PollCheckpoint.newBuilder()
                .setConnectionId(key.connection().value())
                .setEntity(key.entity())
                .setStrategy(PollStrategy.valueOf(checkpoint.strategy().name()))
                .setDeltaLink(checkpoint.deltaLink() == null ? null : checkpoint.deltaLink().toString())
                .setNextLink(checkpoint.nextLink() == null ? null : checkpoint.nextLink().toString())
                .setWatermark(checkpoint.watermark() == null ? null : checkpoint.watermark().modifiedOn())
                .setWatermarkIds(ids(checkpoint))
                .setMaxVersion(checkpoint.maxVersion())
                .setUpdatedAt(checkpoint.updatedAt())
                .build();
    }

    /** The checkpoint a record holds; one written by a newer poller with an unknown strategy starts a re-sync. */
    static Checkpoint fromRecord(PollCheckpoint record) {
        if (record.getStrategy() == PollStrategy.UNKNOWN) {
            return Checkpoint.restored(Strategy.CHANGE_TRACKING, null, null, null, record.getMaxVersion(), Map.of(),
                    record.getUpdatedAt());
        }
        Strategy strategy = Strategy.valueOf(record.getStrategy().name());
        boolean tracking = strategy == Strategy.CHANGE_TRACKING;
        Watermark watermark = tracking || record.getWatermark() == null ? null
                : new Watermark(record.getWatermark(), new HashSet<>(record.getWatermarkIds()));
        return Checkpoint.restored(strategy,
                record.getDeltaLink() == null ? null : DeltaLink.of(record.getDeltaLink()),
                record.getNextLink() == null ? null : PageLink.of(record.getNextLink()),
                watermark, record.getMaxVersion(), tracking ? ahead(record.getWatermarkIds()) : Map.of(),
                record.getUpdatedAt());
    }

    private static List<String> ids(Checkpoint checkpoint) {
        if (checkpoint.watermark() != null) {
            return List.copyOf(checkpoint.watermark().ids());
        }
        List<String> ahead = new ArrayList<>(checkpoint.aheadOfDelta().size());
        checkpoint.aheadOfDelta().forEach((id, version) -> ahead.add(id + "@" + version));
        return ahead;
    }

    private static Map<String, Long> ahead(List<String> entries) {
        Map<String, Long> ahead = new HashMap<>();
        for (String entry : entries) {
            int at = entry.lastIndexOf('@');
            if (at > 0) {
                try {
                    ahead.put(entry.substring(0, at), Long.parseLong(entry.substring(at + 1)));
                } catch (NumberFormatException e) {
                    // not ours: ignore (the worst outcome is a change published again with the same event id)
                }
            }
        }
        return ahead;
    }
}
