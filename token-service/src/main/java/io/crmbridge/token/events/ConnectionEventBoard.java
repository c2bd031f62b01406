package io.crmbridge.token.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.token.connection.ConnectionId;
import io.crmbridge.token.connection.ConnectionState;
import io.crmbridge.token.refresh.LastKnownStatuses;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last event of every connection, read from the connection-events topic on every instance, so that any instance
 * can show how a connection owned by another one stands.
 */
final class ConnectionEventBoard implements LastKnownStatuses, Runnable {

    private static final Logger log = LoggerFactory.getLogger(ConnectionEventBoard.class);
    private static final Set<ConnectionEventType> FAILURES = Set.of(ConnectionEventType.REFRESH_FAILED,
            ConnectionEventType.TOKEN_EXPIRED);
    private static final Set<ConnectionEventType> SUCCESSES = Set.of(ConnectionEventType.CONNECTED,
            ConnectionEventType.TOKEN_REFRESHED, ConnectionEventType.RECONNECTED);

    private final KafkaSetup kafka;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer<ConnectionEvent> reader;
    private final Map<ConnectionId, Reported> reported = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    ConnectionEventBoard(KafkaSetup kafka) {
        this.kafka = kafka;
        this.consumer = kafka.consumer("connection-events", null);
        this.reader = kafka.deserializer();
    }

    @Override
    public Optional<Reported> of(ConnectionId id) {
        return Optional.ofNullable(reported.get(id));
    }

    @Override
    public void run() {
        try {
            String topic = kafka.topics().connectionEvents().name();
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    accept(record);
                }
            }
        } catch (WakeupException e) {
            // stop() woke us up
        } catch (RuntimeException e) {
            log.error("the connection-event board stopped: {}", e.toString());
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
            ConnectionEvent event = reader.deserialize(record.topic(), record.headers(), record.value());
            if (event.getState() == io.crmbridge.events.ConnectionState.UNKNOWN) {
                return;
            }
            reported.compute(ConnectionId.of(event.getConnectionId()), (id, before) -> next(before, event));
        } catch (RuntimeException e) {
            log.warn("skipping unreadable connection event {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    private static Reported next(Reported before, ConnectionEvent event) {
        Optional<String> reason = Optional.ofNullable(event.getReasonCode());
        Optional<String> message = Optional.ofNullable(event.getMessage());
        if (!FAILURES.contains(event.getType())) {
            boolean keep = before != null && !SUCCESSES.contains(event.getType());
            reason = keep ? before.reasonCode() : Optional.empty();
            message = keep ? before.message() : Optional.empty();
        }
        Optional<Instant> expiry = Optional.ofNullable(event.getAccessTokenExpiresAt())
                .or(() -> before == null ? Optional.empty() : before.accessTokenExpiresAt());
        return new Reported(ConnectionState.valueOf(event.getState().name()), expiry, reason, message,
                event.getOccurredAt(), String.valueOf(event.getInstanceId()));
    }
}
