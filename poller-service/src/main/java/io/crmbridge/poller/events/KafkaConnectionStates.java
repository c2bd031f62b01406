package io.crmbridge.poller.events;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.events.ConnectionDefinition;
import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.poller.subscription.ConnectionStates;
import io.crmbridge.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code crm.connections} (org URL, enabled) and {@code crm.connection-events} (TOKEN_EXPIRED pauses a
 * connection, RECONNECTED resumes it) into {@link ConnectionStates}. Every instance reads every partition of both
 * from the beginning, without a consumer group: any instance may come to own any connection's subscriptions, and
 * replaying the events leaves each connection in the state its latest event set.
 */
final class KafkaConnectionStates implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaConnectionStates.class);

    private final Map<String, Object> config;
    private final String connectionsTopic;
    private final String eventsTopic;
    private final ConnectionStates states;
    private final Thread thread;
    private volatile Consumer<String, Object> consumer;
    private volatile boolean running = true;

    KafkaConnectionStates(Map<String, Object> consumerConfig, String connectionsTopic, String eventsTopic,
                          ConnectionStates states) {
        this.config = new HashMap<>(consumerConfig);
        this.config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.config.put("specific.avro.reader", true);
        this.connectionsTopic = connectionsTopic;
        this.eventsTopic = eventsTopic;
        this.states = states;
        this.thread = new Thread(this::run, "poller-connections");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean alive() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        running = false;
        Consumer<String, Object> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        AvroDeserializer<Object> values = new AvroDeserializer<>();
        values.configure(config, false);
        try (Consumer<String, Object> created = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            consumer = created;
            List<TopicPartition> partitions = partitions(created);
            created.assign(partitions);
            created.seekToBeginning(partitions);
            while (running) {
                created.poll(Duration.ofMillis(500)).forEach(this::apply);
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("following {} and {} failed; connection states are no longer updated", connectionsTopic,
                    eventsTopic, e);
        }
    }

    /** The partitions of both topics, waiting for the token-service to create them. */
    private List<TopicPartition> partitions(Consumer<String, Object> created) throws InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(connectionsTopic, eventsTopic)) {
            List<PartitionInfo> infos = created.listTopics(Duration.ofSeconds(30)).get(topic);
            while (running && (infos == null || infos.isEmpty())) {
                log.info("waiting for topic {} (created by the token-service)", topic);
                Thread.sleep(2_000);
                infos = created.listTopics(Duration.ofSeconds(30)).get(topic);
            }
            if (infos != null) {
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
        }
        return partitions;
    }

    private void apply(ConsumerRecord<String, Object> record) {
        try {
            if (record.value() instanceof ConnectionDefinition definition) {
                states.defined(ConnectionId.of(definition.getConnectionId()), URI.create(definition.getOrgUrl()),
                        definition.getEnabled());
            } else if (record.value() instanceof ConnectionEvent event) {
                apply(event);
            }
        } catch (RuntimeException e) {
            log.warn("ignoring an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
        }
    }

    private void apply(ConnectionEvent event) {
        ConnectionId connection = ConnectionId.of(event.getConnectionId());
        if (event.getType() == ConnectionEventType.TOKEN_EXPIRED) {
            states.tokenExpired(connection);
        } else if (event.getType() == ConnectionEventType.RECONNECTED) {
            states.resumed(connection);
        }
    }
}
