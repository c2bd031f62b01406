package io.crmbridge.poller.events;

import java.time.Duration;
import java.util.List;

import io.crmbridge.events.CaptureSignal;
import io.crmbridge.events.CaptureSignalType;
import io.crmbridge.events.CaptureStart;
import io.crmbridge.events.CaptureStrategy;
import io.crmbridge.events.SubscriptionDefinition;
import io.crmbridge.poller.subscription.CaptureSignalRequest;
import io.crmbridge.poller.subscription.ChangeFormat;
import io.crmbridge.poller.subscription.SnapshotRequest;
import io.crmbridge.poller.subscription.StartPosition;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.subscription.SubscriptionRecords;
import io.crmbridge.poller.subscription.SubscriptionSpec;

/** Subscriptions as the {@code SubscriptionDefinition} contract. */
final class AvroSubscriptionRecords implements SubscriptionRecords {

    @Override
    public Object definition(SubscriptionSpec spec) {
        return SubscriptionDefinition.newBuilder()
                .setConnectionId(spec.key().connection().value())
                .setTable(spec.key().entity())
                .setEntitySet(spec.entitySet())
                .setColumns(List.copyOf(spec.columns()))
                .setStrategy(CaptureStrategy.valueOf(spec.strategy().name()))
                .setStart(CaptureStart.valueOf(spec.start().name()))
                .setFormat(spec.format() == ChangeFormat.TYPED ? io.crmbridge.events.ChangeFormat.TYPED
                        : io.crmbridge.events.ChangeFormat.GENERIC)
                .setIntervalMs(spec.interval() == null ? null : spec.interval().toMillis())
                .setActiveIntervalMs(spec.activeInterval() == null ? null : spec.activeInterval().toMillis())
                .setPageSize(spec.pageSize())
                .setFormattedValues(spec.formattedValues())
                .setGeneration(spec.generation())
                .setUpdatedAt(spec.updatedAt())
                .setUpdatedBy(spec.updatedBy())
                .setSnapshot(spec.snapshot() == null ? null : io.crmbridge.events.SnapshotRequest.newBuilder()
                        .setId(spec.snapshot().id())
                        .setRequestedAt(spec.snapshot().requestedAt())
                        .setRequestedBy(spec.snapshot().requestedBy())
                        .build())
                .build();
    }

    @Override
    public SubscriptionSpec specOf(Object value) {
        SubscriptionDefinition d = (SubscriptionDefinition) value;
        if (d.getStrategy() == CaptureStrategy.UNKNOWN || d.getStart() == CaptureStart.UNKNOWN
                || d.getFormat() == io.crmbridge.events.ChangeFormat.UNKNOWN) {
            throw new IllegalArgumentException("written by a newer poller: strategy " + d.getStrategy() + ", start "
                    + d.getStart() + ", format " + d.getFormat());
        }
        return new SubscriptionSpec(SubscriptionKey.of(d.getConnectionId(), d.getTable()), d.getEntitySet(),
                List.copyOf(d.getColumns()), Strategy.valueOf(d.getStrategy().name()),
                StartPosition.valueOf(d.getStart().name()), millis(d.getIntervalMs()),
                millis(d.getActiveIntervalMs()), d.getPageSize(), d.getFormattedValues(), d.getGeneration(),
                d.getUpdatedAt(), d.getUpdatedBy(), d.getSnapshot() == null ? null
                : new SnapshotRequest(d.getSnapshot().getId(), d.getSnapshot().getRequestedAt(),
                        d.getSnapshot().getRequestedBy()), ChangeFormat.valueOf(d.getFormat().name()));
    }

    @Override
    public CaptureSignalRequest signalOf(Object value) {
        CaptureSignal signal = (CaptureSignal) value;
        return new CaptureSignalRequest(signal.getSignalId(), SubscriptionKey.of(signal.getConnectionId(),
                signal.getTable().toLowerCase(java.util.Locale.ROOT)), signal.getType() == CaptureSignalType.SNAPSHOT,
                signal.getRequestedBy());
    }

    private static Duration millis(Long value) {
        return value == null ? null : Duration.ofMillis(value);
    }
}
