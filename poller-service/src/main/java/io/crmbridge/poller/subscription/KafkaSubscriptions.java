package io.crmbridge.poller.subscription;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.crmbridge.crm.topic.TopicFollower;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.schemas.serde.AvroSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code crm.subscriptions} on Kafka: followed from its beginning into the {@link SubscriptionCatalogue} (every
 * instance holds every subscription), and written by this instance's admin API and seed. A write returns once this
 * instance's follower has read it back, so the catalogue holds it when the caller goes on. A definition this
 * instance cannot read is logged and skipped; it neither stops the follower nor removes the subscription.
 */
public final class KafkaSubscriptions implements SubscriptionStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaSubscriptions.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    /** On a tombstone: who removed the subscription (absent: the admin API). */
    static final String REMOVED_BY = "removed-by";

    private final String topic;
    private final SubscriptionRecords records;
    private final Producer<String, Object> producer;
    private final TopicFollower<Object> follower;
    /** Per partition, the offset after the last record read into the catalogue; guarded by itself. */
    private final Map<Integer, Long> read = new HashMap<>();

    public KafkaSubscriptions(Map<String, Object> producerConfig, Map<String, Object> consumerConfig, String topic,
                              SubscriptionRecords records, SubscriptionCatalogue catalogue) {
        this.topic = topic;
        this.records = records;
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        AvroSerializer<Object> values = new AvroSerializer<>();
        values.configure(config, false);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), values);
        this.follower = TopicFollower.of(consumerConfig, AvroDeserializer.forGeneratedClasses(consumerConfig))
                .topics(topic).from(TopicFollower.Start.BEGINNING).named("poller-subscriptions")
                .onRecord(record -> read(record, catalogue)).start();
    }

    /** Completes once every definition on the topic when following began has been read. */
    public CompletableFuture<Void> caughtUp() {
        return follower.caughtUp();
    }

    public boolean alive() {
        return follower.alive();
    }

    @Override
    public void write(SubscriptionSpec spec) {
        send(new ProducerRecord<>(topic, spec.key().toString(), records.definition(spec)));
    }

    @Override
    public void remove(SubscriptionKey key, String removedBy) {
        ProducerRecord<String, Object> tombstone = new ProducerRecord<>(topic, key.toString(), null);
        if (removedBy != null) {
            tombstone.headers().add(REMOVED_BY, removedBy.getBytes(StandardCharsets.UTF_8));
        }
        send(tombstone);
    }

    private void send(ProducerRecord<String, Object> record) {
        try {
            RecordMetadata written = producer.send(record).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            awaitReadBack(written);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing subscription " + record.key(), e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new IllegalStateException("could not write subscription " + record.key() + " to " + topic + ": "
                    + (e.getCause() != null ? e.getCause() : e), e);
        }
    }

    /** Waits (at most the write timeout) until the follower has read {@code written} into the catalogue. */
    private void awaitReadBack(RecordMetadata written) throws InterruptedException {
        long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
        synchronized (read) {
            while (read.getOrDefault(written.partition(), 0L) <= written.offset()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    log.warn("{}: subscription written at offset {} not read back within {}; the catalogue of this"
                            + " instance shows it once it is", topic, written.offset(), WRITE_TIMEOUT);
                    return;
                }
                read.wait(left);
            }
        }
    }

    private void read(ConsumerRecord<String, Object> record, SubscriptionCatalogue catalogue) {
        try {
            apply(record, catalogue);
        } finally {
            synchronized (read) {
                read.merge(record.partition(), record.offset() + 1, Math::max);
                read.notifyAll();
            }
        }
    }

    private void apply(ConsumerRecord<String, Object> record, SubscriptionCatalogue catalogue) {
        SubscriptionKey key;
        try {
            key = SubscriptionKey.parse(record.key());
        } catch (RuntimeException e) {
            log.warn("{}@{}: key '{}' is not connectionId:table; skipped", topic, record.offset(), record.key());
            return;
        }
        if (record.value() == null) {
            Header removedBy = record.headers().lastHeader(REMOVED_BY);
            catalogue.removed(key, removedBy == null ? null : new String(removedBy.value(), StandardCharsets.UTF_8));
            return;
        }
        try {
            catalogue.defined(records.specOf(record.value()));
        } catch (RuntimeException e) {
            log.warn("{}@{}: subscription {} cannot be read ({}); skipped", topic, record.offset(), key,
                    e.toString());
        }
    }

    @Override
    public void close() {
        follower.close();
        producer.close(Duration.ofSeconds(5));
    }
}
