package io.crmbridge.poller.events;

import java.util.List;

import io.crmbridge.events.PollCheckpoint;
import io.crmbridge.events.PollStrategy;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.Checkpoint;
import io.crmbridge.crm.record.DeltaLink;
import io.crmbridge.poller.tracking.PageLink;
import io.crmbridge.poller.tracking.SnapshotProgress;

/** Checkpoints as {@code PollCheckpoint} values and back. */
final class CheckpointRecords {

    private CheckpointRecords() {
    }

    static PollCheckpoint toRecord(SubscriptionKey key, Checkpoint checkpoint) {
        return PollCheckpoint.newBuilder()
                .setConnectionId(key.connection().value())
                .setEntity(key.entity())
                .setStrategy(PollStrategy.valueOf(checkpoint.strategy().name()))
                .setDeltaLink(checkpoint.deltaLink() == null ? null : checkpoint.deltaLink().url())
                .setNextLink(checkpoint.nextLink() == null ? null : checkpoint.nextLink().toString())
                .setWatermark(checkpoint.watermark())
                .setWatermarkIds(List.of())
                .setSynced(checkpoint.synced())
                .setUpdatedAt(checkpoint.updatedAt())
                .setGeneration(checkpoint.generation())
                .setColumns(checkpoint.columns())
                .setSnapshot(snapshot(checkpoint.snapshot()))
                .build();
    }

    /**
     * The checkpoint a record holds; one written by a newer poller with an unknown strategy starts a re-sync. A
     * checkpoint written before {@code synced} existed counts as synced once it holds a delta link or a complete
     * modifiedon cycle.
     */
    static Checkpoint fromRecord(PollCheckpoint record) {
        if (record.getStrategy() == PollStrategy.UNKNOWN) {
            return new Checkpoint(Strategy.CHANGE_TRACKING, null, null, null, true, record.getUpdatedAt(),
                    record.getGeneration(), record.getColumns(), progress(record.getSnapshot())); // a re-sync
        }
        Strategy strategy = Strategy.valueOf(record.getStrategy().name());
        boolean synced = record.getSynced() || record.getDeltaLink() != null
                || (strategy == Strategy.MODIFIED_ON && record.getWatermark() != null && record.getNextLink() == null);
        return new Checkpoint(strategy,
                record.getDeltaLink() == null ? null : new DeltaLink(record.getDeltaLink()),
                record.getNextLink() == null ? null : PageLink.of(record.getNextLink()),
                strategy == Strategy.MODIFIED_ON ? record.getWatermark() : null, synced, record.getUpdatedAt(),
                record.getGeneration(), record.getColumns(), progress(record.getSnapshot()));
    }

    private static io.crmbridge.events.SnapshotProgress snapshot(SnapshotProgress progress) {
        return progress == null ? null : io.crmbridge.events.SnapshotProgress.newBuilder()
                .setId(progress.id())
                .setNextLink(progress.next() == null ? null : progress.next().toString())
                .setRows(progress.rows())
                .setStartedAt(progress.startedAt())
                .setCompleted(progress.completed())
                .build();
    }

    private static SnapshotProgress progress(io.crmbridge.events.SnapshotProgress record) {
        return record == null ? null : new SnapshotProgress(record.getId(),
                record.getNextLink() == null ? null : PageLink.of(record.getNextLink()), record.getRows(),
                record.getStartedAt(), record.getCompleted());
    }
}
