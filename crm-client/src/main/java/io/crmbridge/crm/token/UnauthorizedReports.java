package io.crmbridge.crm.token;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.events.TokenRequest;
import io.crmbridge.events.TokenRequestReason;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Publishes {@code TokenRequest}s (reason UNAUTHORIZED) to the token-requests topic, keyed by connection id. */
final class UnauthorizedReports implements AutoCloseable {

    private final String topic;
    private final Clock clock;
    private final KafkaProducer<String, TokenRequest> producer;

    UnauthorizedReports(GrantSettings settings, Serializer<TokenRequest> requests, Clock clock) {
        this.topic = settings.requestsTopic();
        this.clock = clock;
        Map<String, Object> properties = new HashMap<>(settings.kafka());
        properties.remove("group.id");
        properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, settings.requestedBy() + "-token-requests");
        properties.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), requests);
    }

    Mono<Void> report(ConnectionId connection, long generationSeen, String requestedBy) {
        TokenRequest request = TokenRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setConnectionId(connection.value())
                .setReason(TokenRequestReason.UNAUTHORIZED)
                .setGenerationSeen(generationSeen)
                .setRequestedBy(requestedBy)
                .setRequestedAt(clock.instant())
                .build();
        // send() may block on metadata: keep it off event-loop threads.
        return Mono.<Void>create(sink -> producer.send(new ProducerRecord<>(topic, connection.value(), request),
                        (metadata, error) -> {
                            if (error == null) {
                                sink.success();
                            } else {
                                sink.error(error);
                            }
                        }))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public void close() {
        producer.close();
    }
}
