package io.crmbridge.crm.topic;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of one or more topics on a thread of its own, without a consumer group: each instance
 * reads all of it and commits nothing (connection definitions and events, access-token grants, token requests). The
 * one way the services follow a topic; everything they used to decide each on their own is decided here:
 * <ul>
 *   <li>read_committed: what a transaction aborted is never seen;</li>
 *   <li>a topic that does not exist yet (its owner creates it at start-up) is looked for again every
 *       {@code pollTimeout} until it appears, and partitions added later are picked up within
 *       {@code partitionCheck}; a follower never creates a topic ({@code allow.auto.create.topics=false});</li>
 *   <li>{@link Start#BEGINNING} replays the whole history, {@link Start#END} only what arrives after start-up; a
 *       partition that appears later is read from its beginning either way (all of it is new);</li>
 *   <li>{@link #caughtUp()} completes once everything that was on the topics when they were first found has been
 *       handed on (a topic missing at that moment has nothing to catch up on);</li>
 *   <li>a value that cannot be deserialized is skipped with a warning naming its position, never its bytes; a
 *       tombstone is handed on with a {@code null} value; a handler that throws loses only that record.</li>
 * </ul>
 *
 * <pre>{@code
 * TopicFollower<Object> follower = TopicFollower.of(kafkaProperties, deserializer)
 *         .topics("crm.connections", "crm.connection-events").named("poller-connections")
 *         .onRecord(record -> ...).start();
 * follower.caughtUp().join();
 * }</pre>
 */
public final class TopicFollower<V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

    /** Where reading starts in the partitions found at start-up. */
    public enum Start { BEGINNING, END }

    private final Builder<V> settings;
    private final KafkaConsumer<String, byte[]> consumer;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final Thread thread;
    private final Set<String> foundTopics = new HashSet<>();
    private Map<TopicPartition, Long> initialEnd;
    private long lastPartitionCheck;
    private volatile boolean running = true;

    private TopicFollower(Builder<V> settings) {
        this.settings = settings;
        Map<String, Object> config = ClientProperties.connectionOnly(settings.kafka);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, settings.name);
        // partitionsFor() answers from the metadata cache: refresh it as often as partitions are checked.
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) settings.partitionCheck.toMillis());
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, settings.name);
        this.thread.setDaemon(true);
    }

    /**
     * @param kafka  client properties (bootstrap servers, security); serdes and group settings are the follower's own
     * @param values reads the values (e.g. the project's Avro deserializer, configured)
     */
    public static <V> Builder<V> of(Map<String, Object> kafka, Deserializer<V> values) {
        return new Builder<>(kafka, values);
    }

    /** Completes once the records that were on the topics when they were first found have all been handed on. */
    public CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    /** False once the follower stopped, by {@link #close()} or because the cluster failed it. */
    public boolean alive() {
        return thread.isAlive();
    }

    private void run() {
        try {
            while (running) {
                assignNewPartitions();
                if (consumer.assignment().isEmpty()) {
                    signalWhenCaughtUp();
                    pause();
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(settings.pollTimeout)) {
                    handOn(record);
                }
                signalWhenCaughtUp();
            }
        } catch (WakeupException e) {
            // close() woke the consumer up: leave the loop.
        } catch (RuntimeException e) {
            log.error("following {} stopped: {}", settings.topics, e.toString());
            caughtUp.completeExceptionally(e);
        } finally {
            consumer.close();
            settings.onStop.run();
        }
    }

    private void pause() {
        try {
            Thread.sleep(settings.pollTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Picks up the topics' partitions: at start, a topic created after start-up, partitions added later. */
    private void assignNewPartitions() {
        long now = System.currentTimeMillis();
        // A topic still missing is looked for on every round; found ones only every partitionCheck.
        boolean allFound = foundTopics.size() == settings.topics.size();
        if (allFound && now - lastPartitionCheck < settings.partitionCheck.toMillis()) {
            return;
        }
        Set<TopicPartition> found = new HashSet<>();
        try {
            for (String topic : settings.topics) {
                consumer.partitionsFor(topic, settings.metadataTimeout)
                        .forEach(info -> found.add(new TopicPartition(info.topic(), info.partition())));
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            // The cluster did not answer in time (still starting, or busy): look again on the next round.
            log.warn("no metadata for {} yet: {}", settings.topics, e.getMessage());
            return;
        }
        lastPartitionCheck = now;
        found.forEach(partition -> foundTopics.add(partition.topic()));
        Set<TopicPartition> added = new HashSet<>(found);
        added.removeAll(consumer.assignment());
        if (!added.isEmpty()) {
            consumer.assign(found);
            if (initialEnd == null && settings.start == Start.END) {
                consumer.seekToEnd(added);
                // Resolve the end now, so that what arrives after start-up is read, not skipped by a lazy seek.
                added.forEach(consumer::position);
            } else {
                consumer.seekToBeginning(added);
            }
        }
        if (initialEnd == null) {
            initialEnd = found.isEmpty() ? Map.of() : consumer.endOffsets(found);
        }
    }

    private void signalWhenCaughtUp() {
        if (!caughtUp.isDone() && initialEnd != null && initialEnd.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
            caughtUp.complete(null);
        }
    }

    private void handOn(ConsumerRecord<String, byte[]> record) {
        V value = null;
        if (record.value() != null) {
            try {
                value = settings.values.deserialize(record.topic(), record.headers(), record.value());
            } catch (RuntimeException e) {
                log.warn("skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                return;
            }
        }
        try {
            settings.onRecord.accept(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(),
                    record.timestamp(), record.timestampType(), record.serializedKeySize(),
                    record.serializedValueSize(), record.key(), value, record.headers(), record.leaderEpoch()));
        } catch (RuntimeException e) {
            log.warn("could not apply the record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
        }
    }

    /** Stops reading and waits (bounded) for the thread to end. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(settings.pollTimeout.toMillis() * 4 + settings.metadataTimeout.toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What to follow and what to do with each record; {@link #start()} begins. */
    public static final class Builder<V> {

        private final Map<String, Object> kafka;
        private final Deserializer<V> values;
        private List<String> topics = List.of();
        private Start start = Start.BEGINNING;
        private String name = "topic-follower";
        private Duration pollTimeout = Duration.ofMillis(500);
        private Duration metadataTimeout = Duration.ofSeconds(10);
        private Duration partitionCheck = Duration.ofSeconds(10);
        private Consumer<ConsumerRecord<String, V>> onRecord = record -> { };
        private Runnable onStop = () -> { };

        private Builder(Map<String, Object> kafka, Deserializer<V> values) {
            this.kafka = Map.copyOf(kafka);
            this.values = Objects.requireNonNull(values, "values");
            if (!kafka.containsKey(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                throw new IllegalArgumentException("kafka properties need bootstrap.servers");
            }
        }

        public Builder<V> topics(String... names) {
            this.topics = List.of(names);
            return this;
        }

        /** {@link Start#BEGINNING} unless told otherwise. */
        public Builder<V> from(Start where) {
            this.start = where;
            return this;
        }

        /** The thread's name and the consumer's client id (unless the properties set one). */
        public Builder<V> named(String threadName) {
            this.name = threadName;
            return this;
        }

        /** Longest a poll blocks (500 ms unless told otherwise); also how often a missing topic is looked for. */
        public Builder<V> pollTimeout(Duration timeout) {
            this.pollTimeout = timeout;
            return this;
        }

        /** Longest a metadata request waits (10 s unless told otherwise). */
        public Builder<V> metadataTimeout(Duration timeout) {
            this.metadataTimeout = timeout;
            return this;
        }

        /** How often the partitions of found topics are checked for additions (10 s unless told otherwise). */
        public Builder<V> partitionCheck(Duration every) {
            this.partitionCheck = every;
            return this;
        }

        /** Called on the follower's thread for each record, in partition order; a tombstone has a null value. */
        public Builder<V> onRecord(Consumer<ConsumerRecord<String, V>> handler) {
            this.onRecord = handler;
            return this;
        }

        /** Called on the follower's thread once it has stopped. */
        public Builder<V> onStop(Runnable stopped) {
            this.onStop = stopped;
            return this;
        }

        public TopicFollower<V> start() {
            if (topics.isEmpty()) {
                throw new IllegalStateException("no topic to follow");
            }
            TopicFollower<V> follower = new TopicFollower<>(this);
            follower.thread.start();
            return follower;
        }
    }
}
