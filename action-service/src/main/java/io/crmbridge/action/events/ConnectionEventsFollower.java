package io.crmbridge.action.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.crmbridge.action.holding.ConnectionHolds;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code crm.connection-events} on a thread of its own, from the beginning of every partition and without
 * a consumer group (every instance holds every connection's commands), and tells {@link ConnectionHolds} which
 * connections have no token: TOKEN_EXPIRED and DISCONNECTED hold a connection; RECONNECTED, CONNECTED and
 * TOKEN_REFRESHED release it. Other events change nothing.
 */
public final class ConnectionEventsFollower implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectionEventsFollower.class);

    private final String topic;
    private final ConnectionHolds holds;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer<Object> events = new AvroDeserializer<>();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final Thread thread;
    private static final long PARTITION_CHECK_MILLIS = 10_000;

    private Map<TopicPartition, Long> initialEnd;
    private long lastPartitionCheck = -PARTITION_CHECK_MILLIS;
    private volatile boolean running = true;

    public ConnectionEventsFollower(Map<String, Object> kafka, String topic, ConnectionHolds holds) {
        this.topic = topic;
        this.holds = holds;
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> reader = new HashMap<>(kafka);
        reader.put("specific.avro.reader", true);
        events.configure(reader, false);
        this.thread = new Thread(this, "connection-events");
        this.thread.setDaemon(true);
    }

    public ConnectionEventsFollower start() {
        thread.start();
        return this;
    }

    /** Completes once the events that were on the topic at start-up have all been applied. */
    public CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    @Override
    public void run() {
        try {
            while (running) {
                assignNewPartitions();
                consumer.poll(Duration.ofMillis(200)).forEach(this::apply);
                signalWhenCaughtUp();
            }
        } catch (WakeupException e) {
            // close() woke the consumer up.
        } catch (RuntimeException e) {
            log.error("connection-event consumer stopped: {}", e.toString());
            caughtUp.completeExceptionally(e);
        } finally {
            consumer.close();
        }
    }

    /** Picks up the topic's partitions, also ones added later (or the topic itself, created after start-up). */
    private void assignNewPartitions() {
        long now = System.currentTimeMillis();
        if (now - lastPartitionCheck < PARTITION_CHECK_MILLIS) {
            return;
        }
        lastPartitionCheck = now;
        Set<TopicPartition> found;
        try {
            found = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).collect(Collectors.toSet());
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            log.warn("no metadata for {} yet ({}); trying again", topic, e.getMessage());
            lastPartitionCheck = now - PARTITION_CHECK_MILLIS + 1_000;
            return;
        }
        Set<TopicPartition> added = new HashSet<>(found);
        added.removeAll(consumer.assignment());
        if (!added.isEmpty()) {
            consumer.assign(found);
            consumer.seekToBeginning(added);
        }
        if (initialEnd == null) {
            initialEnd = found.isEmpty() ? Map.of() : consumer.endOffsets(found);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        Object value;
        try {
            value = events.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            log.warn("skipping unreadable connection event at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (value instanceof ConnectionEvent event) {
            ConnectionId connection = ConnectionId.of(event.getConnectionId());
            switch (event.getType()) {
                case TOKEN_EXPIRED, DISCONNECTED -> {
                    log.info("connection {} has no token ({}): its commands wait", connection, event.getType());
                    holds.tokenLost(connection);
                }
                case RECONNECTED, CONNECTED, TOKEN_REFRESHED -> {
                    if (holds.held().contains(connection)) {
                        log.info("connection {} has a token again ({}): its commands resume", connection,
                                event.getType());
                    }
                    holds.tokenRestored(connection);
                }
                default -> {
                    // REFRESH_FAILED, CREDENTIAL_EXPIRING...: the current token still works.
                }
            }
        }
    }

    private void signalWhenCaughtUp() {
        if (!caughtUp.isDone() && initialEnd.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
            caughtUp.complete(null);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
