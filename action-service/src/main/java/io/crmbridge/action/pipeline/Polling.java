package io.crmbridge.action.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Collects one transaction's records: after the first arrive, keeps polling for the linger time or until the
 * transaction is full, so batches fill up. Records of partitions revoked meanwhile are forgotten. The linger is
 * timed on a monotonic clock, read once per poll: the time left is never negative, whatever the wall clock does.
 */
final class Polling {

    private final PipelineSettings settings;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> polled = new LinkedHashMap<>();
    private volatile Instant lastPoll = Instant.EPOCH;

    Polling(PipelineSettings settings, Clock clock) {
        this(settings, clock, System::nanoTime);
    }

    Polling(PipelineSettings settings, Clock clock, LongSupplier nanoTime) {
        this.settings = settings;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> poll(Consumer<String, byte[]> consumer) {
        polled.clear();
        int count = add(consumer.poll(settings.pollTimeout()));
        lastPoll = clock.instant();
        long lingerEnd = nanoTime.getAsLong() + settings.linger().toNanos();
        while (count > 0 && count < settings.maxRecords()) {
            long left = lingerEnd - nanoTime.getAsLong();
            if (left <= 0) {
                break;
            }
            count += add(consumer.poll(Duration.ofNanos(left)));
        }
        return new LinkedHashMap<>(polled);
    }

    /** Called from the rebalance listener, inside a poll. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(polled::remove);
    }

    Instant lastPoll() {
        return lastPoll;
    }

    private int add(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            polled.computeIfAbsent(partition, p -> new ArrayList<>()).addAll(records.records(partition));
        }
        return records.count();
    }
}
