package io.crmbridge.token.events;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.crmbridge.schemas.serde.AvroDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of one topic without a consumer group (each instance reads all of it, nothing to commit)
 * and hands each readable value on; tombstones are ignored and unreadable records skipped with a warning.
 */
final class TopicFollower<T extends SpecificRecord> implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

    /** Where reading starts: the whole history, or only what arrives from now on. */
    enum Start { BEGINNING, END }

    private final String topic;
    private final Start start;
    private final Consumer<T> onValue;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer<T> reader;
    private volatile boolean running = true;

    TopicFollower(KafkaSetup kafka, String clientSuffix, String topic, Start start, Consumer<T> onValue) {
        this.topic = topic;
        this.start = start;
        this.onValue = onValue;
        this.consumer = kafka.consumer(clientSuffix, null);
        this.reader = kafka.deserializer();
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            if (start == Start.BEGINNING) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
                // Resolve the end now, so that what arrives after start-up is read, not skipped by a lazy seek.
                partitions.forEach(consumer::position);
            }
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    accept(record);
                }
            }
        } catch (WakeupException e) {
            // stop() woke us up
        } catch (RuntimeException e) {
            log.error("following {} stopped: {}", topic, e.toString());
        } finally {
            consumer.close();
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            onValue.accept(reader.deserialize(record.topic(), record.headers(), record.value()));
        } catch (RuntimeException e) {
            log.warn("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }
}
