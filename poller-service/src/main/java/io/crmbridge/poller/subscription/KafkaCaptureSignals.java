package io.crmbridge.poller.subscription;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.crmbridge.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code crm.capture-signals}: requests sent through Kafka instead of the admin API, consumed by one instance of
 * the poller's signal group ({@code <group-id>-signals}) and turned into the same {@link SubscriptionAdmin} calls. A
 * signal's offset is committed once the request it makes is stored on {@code crm.subscriptions}, so a crash acts on
 * it again (at least once); its id makes that harmless. A signal that cannot be read, names no subscription or
 * asks for something unknown is logged and skipped: it can never block the signals behind it.
 */
final class KafkaCaptureSignals implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaCaptureSignals.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final KafkaConsumer<String, Object> consumer;
    private final SubscriptionRecords records;
    private final SubscriptionAdmin admin;
    private final String topic;
    private final CompletableFuture<Void> catalogueReady;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param catalogueReady completes once the catalogue holds every subscription: signals are acted on after */
    KafkaCaptureSignals(Map<String, Object> consumerConfig, String groupId, String topic, SubscriptionRecords records,
                        SubscriptionAdmin admin, CompletableFuture<Void> catalogueReady) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                AvroDeserializer.forGeneratedClasses(config));
        this.records = records;
        this.admin = admin;
        this.topic = topic;
        this.catalogueReady = catalogueReady;
        this.thread = new Thread(this::run, "poller-capture-signals");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            catalogueReady.join();
            consumer.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<String, Object> polled;
                try {
                    polled = consumer.poll(POLL);
                } catch (RecordDeserializationException e) {
                    log.warn("capture signal at {}@{} skipped: not a CaptureSignal ({})", e.topicPartition(),
                            e.offset(), e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                    consumer.commitSync(Map.of(e.topicPartition(), new OffsetAndMetadata(e.offset() + 1)));
                    continue;
                }
                for (TopicPartition partition : polled.partitions()) {
                    for (ConsumerRecord<String, Object> record : polled.records(partition)) {
                        if (!act(record)) {
                            consumer.seek(partition, record.offset()); // stored nothing: read it again
                            pause();
                            break;
                        }
                        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("capture signals: the consumer stopped; signals wait until the next start", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** False when the request could not be stored now (try again); true when it is done with, stored or dropped. */
    private boolean act(ConsumerRecord<String, Object> record) {
        CaptureSignalRequest signal;
        try {
            signal = record.value() == null ? null : records.signalOf(record.value());
        } catch (RuntimeException e) {
            log.warn("capture signal at {}-{}@{} skipped: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return true;
        }
        if (signal == null || !signal.snapshot()) {
            log.warn("capture signal at {}-{}@{} skipped: {}", record.topic(), record.partition(), record.offset(),
                    signal == null ? "no value" : "not a kind this poller knows");
            return true;
        }
        try {
            SubscriptionAdmin.Outcome outcome = admin.snapshot(signal.key(), signal.id(), signal.requestedBy());
            if (outcome instanceof SubscriptionAdmin.NotFound) {
                log.warn("capture signal {} skipped: no subscription {}", signal.id(), signal.key());
            } else if (outcome instanceof SubscriptionAdmin.SnapshotAsked asked) {
                log.info("capture signal {}: snapshot of {} {}", signal.id(), signal.key(),
                        asked.repeated() ? "asked for already" : "requested by " + signal.requestedBy());
            }
            return true;
        } catch (RuntimeException e) {
            log.warn("capture signal {} for {} not stored yet ({}); retrying", signal.id(), signal.key(),
                    e.toString());
            return false;
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis()); // a backoff between attempts, not a synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
