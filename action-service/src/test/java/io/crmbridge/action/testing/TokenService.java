package io.crmbridge.action.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import io.crmbridge.crm.token.EncryptionKeys;
import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.events.AccessTokenGrant;
import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.events.ConnectionState;
import io.crmbridge.events.TokenRequest;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.schemas.serde.AvroSerializer;
import io.crmbridge.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plays the token-service for tests: publishes encrypted grants and connection events, reads token requests. */
public final class TokenService implements AutoCloseable {

    /** A test AES-256 key (base64), not a secret. */
    public static final String KEY_ID = "k1";
    public static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private final Topics topics;
    private final String servers;
    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerializer<Object> serializer = new AvroSerializer<>();
    private final AvroDeserializer<Object> deserializer = new AvroDeserializer<>();
    private final TokenCipher cipher = new TokenCipher(EncryptionKeys.of(KEY_ID, Map.of(KEY_ID, KEY)));

    public TokenService(String servers, Topics topics, String registryUrl) {
        this.servers = servers;
        this.topics = topics;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        serializer.configure(Map.of("schema.registry.url", registryUrl), false);
        deserializer.configure(Map.of("schema.registry.url", registryUrl, "specific.avro.reader", true), false);
    }

    public void grant(String connection, String orgUrl, long generation, String token) {
        byte[] aad = (connection + ":" + generation).getBytes(StandardCharsets.UTF_8);
        TokenCipher.Sealed sealed = cipher.seal(token.getBytes(StandardCharsets.UTF_8), aad);
        AccessTokenGrant grant = AccessTokenGrant.newBuilder().setConnectionId(connection).setOrgUrl(orgUrl)
                .setGeneration(generation).setCiphertext(ByteBuffer.wrap(sealed.ciphertext()))
                .setKeyId(sealed.keyId()).setNonce(ByteBuffer.wrap(sealed.nonce()))
                .setExpiresAt(Instant.now().plus(Duration.ofHours(1))).setIssuedAt(Instant.now()).build();
        send(topics.accessTokens().name(), connection, grant);
    }

    public void event(String connection, ConnectionEventType type, ConnectionState state) {
        send(topics.connectionEvents().name(), connection, ConnectionEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setConnectionId(connection).setType(type).setState(state)
                .setOccurredAt(Instant.now()).build());
    }

    /** Every token request published so far. */
    public List<TokenRequest> requests(CommandTopics reader) {
        List<TokenRequest> requests = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : reader.records(topics.tokenRequests().name())) {
            requests.add((TokenRequest) deserializer.deserialize(record.topic(), record.value()));
        }
        return requests;
    }

    private void send(String topic, String key, Object value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, serializer.serialize(topic, value))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public String servers() {
        return servers;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
