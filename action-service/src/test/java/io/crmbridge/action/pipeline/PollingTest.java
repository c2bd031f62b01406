package io.crmbridge.action.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.crmbridge.action.holding.HoldDeadline;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PollingTest {

    private static final TopicPartition COMMANDS = new TopicPartition("cmd", 0);
    private static final Duration LINGER = Duration.ofMillis(10);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final TimeoutRecordingConsumer consumer = new TimeoutRecordingConsumer();

    @Test
    void lingersForMoreRecordsWithTheTimeLeftAndStopsWhenItIsUp() {
        AtomicLong nanos = new AtomicLong();
        // Every reading of the clock finds 4 ms gone: 10 ms of linger leave room for polls of 6 ms and 2 ms.
        Polling polling = polling(10, () -> nanos.getAndAdd(Duration.ofMillis(4).toNanos()));
        recordsOnEachOfTheNextPolls(5);

        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> records = polling.poll(consumer);

        assertThat(consumer.timeouts).containsExactly(POLL_TIMEOUT, Duration.ofMillis(6), Duration.ofMillis(2));
        assertThat(records.get(COMMANDS)).extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 2L);
    }

    @Test
    void neverPollsWithANegativeTimeoutWhenTheLingerRunsOutBetweenTwoReadings() {
        long[] readings = {0, LINGER.toNanos() - 1, LINGER.toNanos() + 1};
        AtomicLong reading = new AtomicLong();
        Polling polling = polling(10, () -> readings[(int) Math.min(reading.getAndIncrement(), readings.length - 1)]);
        recordsOnEachOfTheNextPolls(5);

        polling.poll(consumer);

        assertThat(consumer.timeouts).containsExactly(POLL_TIMEOUT, Duration.ofNanos(1));
    }

    @Test
    void stopsLingeringOnceTheTransactionIsFull() {
        Polling polling = polling(2, () -> 0);
        recordsOnEachOfTheNextPolls(5);

        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> records = polling.poll(consumer);

        assertThat(records.get(COMMANDS)).hasSize(2);
        assertThat(consumer.timeouts).hasSize(2);
    }

    @Test
    void returnsAtOnceWhenNothingArrives() {
        Polling polling = polling(10, () -> 0);

        assertThat(polling.poll(consumer)).isEmpty();
        assertThat(consumer.timeouts).containsExactly(POLL_TIMEOUT);
    }

    private Polling polling(int maxRecords, LongSupplier nanoTime) {
        PipelineSettings settings = new PipelineSettings(new PipelineTopics("cmd", "cmd.waiting", "res", "dlt"),
                maxRecords, LINGER, POLL_TIMEOUT, new HoldDeadline(Duration.ofHours(1)));
        return new Polling(settings, Clock.systemUTC(), nanoTime);
    }

    private void recordsOnEachOfTheNextPolls(int polls) {
        consumer.assign(List.of(COMMANDS));
        consumer.updateBeginningOffsets(Map.of(COMMANDS, 0L));
        for (int i = 0; i < polls; i++) {
            long offset = i;
            consumer.schedulePollTask(() -> consumer.addRecord(
                    new ConsumerRecord<>(COMMANDS.topic(), COMMANDS.partition(), offset, "key", new byte[0])));
        }
    }

    /** Kafka's mock consumer, refusing negative timeouts as the real one does, and noting each poll's timeout. */
    private static final class TimeoutRecordingConsumer extends MockConsumer<String, byte[]> {

        private final List<Duration> timeouts = new ArrayList<>();

        TimeoutRecordingConsumer() {
            super(AutoOffsetResetStrategy.EARLIEST.name());
        }

        @Override
        public synchronized ConsumerRecords<String, byte[]> poll(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("Invalid negative timeout " + timeout.toMillis());
            }
            timeouts.add(timeout);
            return super.poll(timeout);
        }
    }
}
