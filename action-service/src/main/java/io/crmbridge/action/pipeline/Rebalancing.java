package io.crmbridge.action.pipeline;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.crmbridge.action.parking.PausedPartitions;
import io.crmbridge.action.parking.WaitingRange;
import io.crmbridge.action.parking.WaitingPasses;
import io.crmbridge.action.parking.WaitingInventory;
import io.crmbridge.action.parking.WaitingCommands;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Learns what waits in a waiting partition before the loop takes it (new commands of a connection must not pass
 * its parked ones), and forgets the records and state of partitions that went to another consumer.
 */
final class Rebalancing implements ConsumerRebalanceListener {

    private final Supplier<KafkaConsumer<String, byte[]>> consumer;
    private final PipelineTopics topics;
    private final Polling polling;
    private final PausedPartitions paused;
    private final WaitingCommands waiting;
    private final WaitingPasses passes;
    private final WaitingInventory inventory;

    Rebalancing(Supplier<KafkaConsumer<String, byte[]>> consumer, PipelineTopics topics,
                Polling polling, PausedPartitions paused,
                WaitingCommands waiting, WaitingPasses passes, WaitingInventory inventory) {
        this.consumer = consumer;
        this.topics = topics;
        this.polling = polling;
        this.paused = paused;
        this.waiting = waiting;
        this.passes = passes;
        this.inventory = inventory;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        List<TopicPartition> waitingPartitions = partitions.stream()
                .filter(p -> p.topic().equals(topics.waiting())).toList();
        if (waitingPartitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.get().committed(Set.copyOf(waitingPartitions));
        Map<TopicPartition, Long> beginnings = consumer.get().beginningOffsets(waitingPartitions);
        for (TopicPartition partition : waitingPartitions) {
            OffsetAndMetadata offset = committed.get(partition);
            WaitingRange range = offset == null ? WaitingRange.startingAt(beginnings.get(partition))
                    : WaitingRange.of(offset.offset(), offset.metadata());
            passes.assigned(partition.partition(), range);
            waiting.reset(partition.partition(), inventory.count(partition, range));
        }
    }

    private void forget(Collection<TopicPartition> partitions) {
        polling.forget(partitions);
        paused.forget(partitions);
        passes.forget(partitions.stream().filter(p -> p.topic().equals(topics.waiting()))
                .map(TopicPartition::partition).toList());
        partitions.stream().filter(p -> p.topic().equals(topics.waiting()))
                .forEach(p -> waiting.forget(p.partition()));
    }
}
