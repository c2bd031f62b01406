package io.crmbridge.action.pipeline;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.crmbridge.action.parking.HoldDeadline;
import io.crmbridge.action.testing.TestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The linger of one transaction's polls, on a real broker and consumer, with the monotonic clock under the test's
 * control. The consumer hands out one record per poll, so each poll of the linger is seen.
 */
class PollingIT {

    private static final Duration LINGER = Duration.ofMillis(10);
    /** Long: records are on the topic before the first poll, which returns as soon as they are fetched. */
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration IDLE_POLL_TIMEOUT = Duration.ofMillis(200);
    private static final AtomicInteger TOPICS = new AtomicInteger();

    private static TestBroker broker;
    private final List<Duration> timeouts = new ArrayList<>();
    private KafkaConsumer<String, byte[]> consumer;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(1);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @AfterEach
    void closeConsumer() {
        consumer.close(Duration.ofSeconds(5));
    }

    @Test
    void lingersForMoreRecordsWithTheTimeLeftAndStopsWhenItIsUp() throws Exception {
        AtomicLong nanos = new AtomicLong();
        // Every reading of the clock finds 4 ms gone: 10 ms of linger leave room for polls of 6 ms and 2 ms.
        Polling polling = polling(10, POLL_TIMEOUT, () -> nanos.getAndAdd(Duration.ofMillis(4).toNanos()));
        TopicPartition topic = topicWithRecords(5);

        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> records = polling.poll(recording(topic));

        assertThat(timeouts).containsExactly(POLL_TIMEOUT, Duration.ofMillis(6), Duration.ofMillis(2));
        assertThat(records.get(topic)).extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 2L);
    }

    @Test
    void neverPollsWithANegativeTimeoutWhenTheLingerRunsOutBetweenTwoReadings() throws Exception {
        long[] readings = {0, LINGER.toNanos() - 1, LINGER.toNanos() + 1};
        AtomicLong reading = new AtomicLong();
        Polling polling = polling(10, POLL_TIMEOUT,
                () -> readings[(int) Math.min(reading.getAndIncrement(), readings.length - 1)]);
        TopicPartition topic = topicWithRecords(5);

        polling.poll(recording(topic));

        assertThat(timeouts).containsExactly(POLL_TIMEOUT, Duration.ofNanos(1));
    }

    @Test
    void stopsLingeringOnceTheTransactionIsFull() throws Exception {
        Polling polling = polling(2, POLL_TIMEOUT, () -> 0);
        TopicPartition topic = topicWithRecords(5);

        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> records = polling.poll(recording(topic));

        assertThat(records.get(topic)).hasSize(2);
        assertThat(timeouts).hasSize(2);
    }

    @Test
    void returnsAtOnceWhenNothingArrives() throws Exception {
        Polling polling = polling(10, IDLE_POLL_TIMEOUT, () -> 0);
        TopicPartition topic = topicWithRecords(0);

        assertThat(polling.poll(recording(topic))).isEmpty();
        assertThat(timeouts).containsExactly(IDLE_POLL_TIMEOUT);
    }

    private static Polling polling(int maxRecords, Duration pollTimeout, LongSupplier nanoTime) {
        PipelineSettings settings = new PipelineSettings(new PipelineTopics("cmd", "cmd.waiting", "res", "dlt"),
                maxRecords, LINGER, pollTimeout, new HoldDeadline(Duration.ofHours(1)));
        return new Polling(settings, Clock.systemUTC(), nanoTime);
    }

    private static TopicPartition topicWithRecords(int count) throws ExecutionException, InterruptedException {
        TopicPartition topic = new TopicPartition("polling-it-" + TOPICS.incrementAndGet(), 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.servers()))) {
            admin.createTopics(List.of(new NewTopic(topic.topic(), 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.servers()), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic.topic(), "key", new byte[0])).get();
            }
        }
        return topic;
    }

    /** A real consumer of {@code topic} from its beginning, one record per poll, noting each poll's timeout. */
    @SuppressWarnings("unchecked")
    private Consumer<String, byte[]> recording(TopicPartition topic) {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", broker.servers(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.assign(List.of(topic));
        consumer.seekToBeginning(List.of(topic));
        KafkaConsumer<String, byte[]> real = consumer;
        return (Consumer<String, byte[]>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
                new Class<?>[] {Consumer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("poll") && args != null && args[0] instanceof Duration timeout) {
                        timeouts.add(timeout);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
