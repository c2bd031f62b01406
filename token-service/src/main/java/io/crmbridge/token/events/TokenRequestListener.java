package io.crmbridge.token.events;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import io.crmbridge.events.TokenRequest;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.token.connection.ConnectionId;
import io.crmbridge.token.refresh.RefreshingTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the other services' token requests (a 401 seen with some grant generation). Every instance reads every
 * partition from where it stands at start-up, and the owner of the connection acts: a request is worth nothing
 * once its generation is replaced, so there is no backlog to read and no offset to keep.
 */
final class TokenRequestListener implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(TokenRequestListener.class);

    private final KafkaSetup kafka;
    private final RefreshingTokens tokens;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer<TokenRequest> reader;
    private volatile boolean running = true;

    TokenRequestListener(KafkaSetup kafka, RefreshingTokens tokens) {
        this.kafka = kafka;
        this.tokens = tokens;
        this.consumer = kafka.consumer("token-requests", null);
        this.reader = kafka.deserializer();
    }

    @Override
    public void run() {
        try {
            String topic = kafka.topics().tokenRequests().name();
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    accept(record);
                }
            }
        } catch (WakeupException e) {
            // stop() woke us up
        } catch (RuntimeException e) {
            log.error("the token-request listener stopped: {}", e.toString());
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
            TokenRequest request = reader.deserialize(record.topic(), record.headers(), record.value());
            Long generation = request.getGenerationSeen();
            tokens.tokenRequested(ConnectionId.of(request.getConnectionId()),
                    generation == null ? OptionalLong.empty() : OptionalLong.of(generation));
        } catch (RuntimeException e) {
            log.warn("skipping unreadable token request {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }
}
