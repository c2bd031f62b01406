package io.crmbridge.crm.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.events.AccessTokenGrant;
import io.crmbridge.events.TokenRequest;
import io.crmbridge.events.TokenRequestReason;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.schemas.serde.AvroSerializer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The grant consumer against a real (embedded KRaft) broker and the project's Avro serde. */
class AccessTokenGrantsIT {

    private static final String GRANTS = "crm.access-tokens";
    private static final String REQUESTS = "crm.token-requests";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Map<String, Object> SERDE = Map.of("schema.registry.url", "mock://access-token-grants-it",
            "specific.avro.reader", true);
    private static final TokenCipher CIPHER = new TokenCipher(EncryptionKeys.of("k1", Map.of("k1",
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)))));

    private static EmbeddedKafkaKraftBroker broker;
    private static KafkaProducer<String, AccessTokenGrant> producer;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<AccessTokenGrants> started = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        // As in production: topics are created by their owners, never by a consumer asking for them.
        broker.brokerProperties(Map.of("auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        broker.addTopics(new NewTopic(GRANTS, 3, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic(REQUESTS, 3, (short) 1));
        AvroSerializer<AccessTokenGrant> serializer = new AvroSerializer<>();
        serializer.configure(SERDE, false);
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.getBrokersAsString()),
                new StringSerializer(), serializer);
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        broker.destroy();
    }

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger("io.crmbridge.crm")).addAppender(logs);
    }

    @AfterEach
    void stop() {
        started.forEach(AccessTokenGrants::close);
        ((Logger) LoggerFactory.getLogger("io.crmbridge.crm")).detachAppender(logs);
        assertThat(logs.list).map(ILoggingEvent::getFormattedMessage).noneMatch(line -> line.contains("token-of-"));
    }

    @Test
    void keepsTheNewestDecryptedGrantOfEachConnectionFromTheWholeTopic() throws Exception {
        publish(grant("kept-a", 1));
        publish(grant("kept-a", 3));
        publish(grant("kept-a", 2));
        publish(grant("kept-b", 7));

        AccessTokenGrants grants = start();
        grants.caughtUp().block(WAIT);

        AccessToken a = grants.latest(ConnectionId.of("kept-a")).orElseThrow();
        assertThat(a.generation()).isEqualTo(3);
        assertThat(a.value()).isEqualTo("token-of-kept-a-3");
        assertThat(a.orgUrl()).hasToString("https://kept-a.crm4.dynamics.com");
        assertThat(a.expiresAt()).isEqualTo(expiry(3));
        assertThat(a.toString()).doesNotContain("token-of");
        assertThat(grants.latest(ConnectionId.of("kept-b")).orElseThrow().generation()).isEqualTo(7);
        assertThat(grants.all()).containsKeys(ConnectionId.of("kept-a"), ConnectionId.of("kept-b"));
    }

    @Test
    void completesAWaiterWhenANewerGrantArrives() throws Exception {
        publish(grant("waiting", 4));
        AccessTokenGrants grants = start();
        grants.caughtUp().block(WAIT);
        Mono<AccessToken> next = grants.newerThan(ConnectionId.of("waiting"), 4).cache();
        next.subscribe();

        publish(grant("waiting", 5));

        assertThat(next.block(WAIT).value()).isEqualTo("token-of-waiting-5");
        assertThat(grants.current(ConnectionId.of("waiting")).block(WAIT).generation()).isEqualTo(5);
    }

    @Test
    void currentWaitsForTheFirstGrantOfAConnection() throws Exception {
        AccessTokenGrants grants = start();
        Mono<AccessToken> first = grants.current(ConnectionId.of("newcomer")).cache();
        first.subscribe();

        publish(grant("newcomer", 1));

        assertThat(first.block(WAIT).generation()).isEqualTo(1);
    }

    @Test
    void readsGrantsOnceATopicThatDidNotExistAtStartAppears() throws Exception {
        String lateTopic = "late.access-tokens";
        AvroDeserializer<AccessTokenGrant> deserializer = new AvroDeserializer<>();
        deserializer.configure(SERDE, false);
        AvroSerializer<TokenRequest> requests = new AvroSerializer<>();
        requests.configure(SERDE, false);
        AccessTokenGrants grants = AccessTokenGrants.start(GrantSettings.of(broker.getBrokersAsString(),
                "poller-service").withTopics(lateTopic, REQUESTS), CIPHER, deserializer, requests);
        started.add(grants);
        Mono<AccessToken> first = grants.current(ConnectionId.of("late")).cache();
        first.subscribe();

        broker.addTopics(new NewTopic(lateTopic, 1, (short) 1));
        AccessTokenGrant grant = grant("late", 1);
        producer.send(new ProducerRecord<>(lateTopic, grant.getConnectionId(), grant)).get();

        assertThat(first.block(WAIT).value()).isEqualTo("token-of-late-1");
    }

    @Test
    void reportsA401AsATokenRequestKeyedByTheConnection() {
        AccessTokenGrants grants = start();

        grants.reportUnauthorized(ConnectionId.of("rejected"), 9, "poller-service/test").block(WAIT);

        ConsumerRecord<String, TokenRequest> request = requestFor("rejected");
        assertThat(request.value().getReason()).isEqualTo(TokenRequestReason.UNAUTHORIZED);
        assertThat(request.value().getGenerationSeen()).isEqualTo(9L);
        assertThat(request.value().getRequestedBy()).isEqualTo("poller-service/test");
        assertThat(request.value().getConnectionId()).isEqualTo("rejected");
        assertThat(request.value().getRequestId()).isNotBlank();
    }

    @Test
    void renewsByReportingTheRejectedGenerationAndWaitingForTheNextOne() throws Exception {
        publish(grant("renewing", 2));
        AccessTokenGrants grants = start();
        AccessToken rejected = grants.current(ConnectionId.of("renewing")).block(WAIT);
        Mono<AccessToken> renewed = grants.renewed(ConnectionId.of("renewing"), rejected).cache();
        renewed.subscribe();

        assertThat(requestFor("renewing").value().getGenerationSeen()).isEqualTo(2L);
        publish(grant("renewing", 3));

        assertThat(renewed.block(WAIT).generation()).isEqualTo(3);
    }

    @Test
    void reportsOnceWhenManyRequestsRenewTheSameGeneration() throws Exception {
        publish(grant("crowd", 1));
        AccessTokenGrants grants = start();
        AccessToken rejected = grants.current(ConnectionId.of("crowd")).block(WAIT);
        List<Mono<AccessToken>> renewals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Mono<AccessToken> renewal = grants.renewed(ConnectionId.of("crowd"), rejected).cache();
            renewal.subscribe();
            renewals.add(renewal);
        }

        requestFor("crowd");
        publish(grant("crowd", 2));

        assertThat(renewals).allSatisfy(renewal -> assertThat(renewal.block(WAIT).generation()).isEqualTo(2));
        assertThat(requestsFor("crowd")).hasSize(1);
    }

    @Test
    void renewsWithoutReportingWhenANewerGrantIsAlreadyHeld() throws Exception {
        publish(grant("ahead", 6));
        AccessTokenGrants grants = start();
        grants.caughtUp().block(WAIT);
        AccessToken stale = new AccessToken(ConnectionId.of("ahead"), java.net.URI.create("https://x"), 5,
                Instant.now(), "old");

        assertThat(grants.renewed(ConnectionId.of("ahead"), stale).block(WAIT).generation()).isEqualTo(6);
    }

    @Test
    void skipsGrantsThatDoNotDecryptAndForgetsDeletedConnections() throws Exception {
        AccessTokenGrant moved = grant("tampered", 2);
        moved.setGeneration(3);
        publish(grant("tampered", 1));
        publish(moved);
        publish(grant("deleted", 1));
        AccessTokenGrants grants = start();
        grants.caughtUp().block(WAIT);
        assertThat(grants.latest(ConnectionId.of("tampered")).orElseThrow().generation()).isEqualTo(1);
        assertThat(logs.list).map(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.contains("skipping access-token grant 3 of connection tampered"));

        producer.send(new ProducerRecord<>(GRANTS, "deleted", null)).get();

        await().atMost(WAIT).until(() -> grants.latest(ConnectionId.of("deleted")).isEmpty());
    }

    private AccessTokenGrants start() {
        AvroDeserializer<AccessTokenGrant> grants = new AvroDeserializer<>();
        grants.configure(SERDE, false);
        AvroSerializer<TokenRequest> requests = new AvroSerializer<>();
        requests.configure(SERDE, false);
        AccessTokenGrants started = AccessTokenGrants.start(GrantSettings.of(broker.getBrokersAsString(),
                "poller-service"), CIPHER, grants, requests);
        this.started.add(started);
        return started;
    }

    private static AccessTokenGrant grant(String connection, long generation) {
        TokenCipher.Sealed sealed = CIPHER.seal(("token-of-" + connection + "-" + generation)
                .getBytes(StandardCharsets.UTF_8), (connection + ":" + generation).getBytes(StandardCharsets.UTF_8));
        return AccessTokenGrant.newBuilder()
                .setConnectionId(connection)
                .setOrgUrl("https://" + connection + ".crm4.dynamics.com")
                .setGeneration(generation)
                .setCiphertext(ByteBuffer.wrap(sealed.ciphertext()))
                .setKeyId(sealed.keyId())
                .setNonce(ByteBuffer.wrap(sealed.nonce()))
                .setExpiresAt(expiry(generation))
                .setIssuedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build();
    }

    private static Instant expiry(long generation) {
        return Instant.parse("2030-01-01T00:00:00Z").plusSeconds(generation);
    }

    private static void publish(AccessTokenGrant grant) throws ExecutionException, InterruptedException {
        producer.send(new ProducerRecord<>(GRANTS, grant.getConnectionId(), grant)).get();
    }

    private static ConsumerRecord<String, TokenRequest> requestFor(String connection) {
        return requestsFor(connection).get(0);
    }

    /** Every token request of the connection on the topic, once there is at least one. */
    private static List<ConsumerRecord<String, TokenRequest>> requestsFor(String connection) {
        AvroDeserializer<TokenRequest> values = new AvroDeserializer<>();
        values.configure(SERDE, false);
        try (KafkaConsumer<String, TokenRequest> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                broker.getBrokersAsString()), new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(REQUESTS).stream()
                    .map(info -> new TopicPartition(REQUESTS, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, TokenRequest>> found = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (connection.equals(record.key())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty() && consumer.endOffsets(partitions).entrySet().stream()
                        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
            });
            return found;
        }
    }
}
