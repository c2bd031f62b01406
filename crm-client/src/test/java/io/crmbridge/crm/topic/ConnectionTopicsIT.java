package io.crmbridge.crm.topic;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.crmbridge.crm.connection.Availability;
import io.crmbridge.crm.connection.ConnectionAvailability;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.connection.PauseReason;
import io.crmbridge.events.AuthKind;
import io.crmbridge.events.AuthorityType;
import io.crmbridge.events.ConnectionDefinition;
import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.events.ConnectionState;
import io.crmbridge.schemas.serde.AvroSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** crm.connections and crm.connection-events, as the token-service writes them, read into one availability. */
class ConnectionTopicsIT {

    private static final String CONNECTIONS = "crm.connections";
    private static final String EVENTS = "crm.connection-events";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Map<String, Object> SERDE = Map.of("schema.registry.url", "mock://connection-topics-it");
    private static EmbeddedKafkaKraftBroker broker;
    private static KafkaProducer<String, SpecificRecord> producer;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of("auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        broker.addTopics(new NewTopic(CONNECTIONS, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic(EVENTS, 3, (short) 1));
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(SERDE, false);
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.getBrokersAsString()),
                new StringSerializer(), serializer);
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        broker.destroy();
    }

    @Test
    void replaysDefinitionsAndEventsThenFollowsDeletionsAndReconnects() throws Exception {
        String id = "c-" + UUID.randomUUID().toString().substring(0, 8);
        ConnectionId connection = ConnectionId.of(id);
        send(CONNECTIONS, id, definition(id, true));
        send(EVENTS, id, event(id, ConnectionEventType.TOKEN_EXPIRED));
        send(EVENTS, id, event(id, ConnectionEventType.REFRESH_FAILED));
        ConnectionAvailability availability = ConnectionAvailability.ofDefinedConnections();
        Map<ConnectionId, URI> orgUrls = new ConcurrentHashMap<>();

        try (ConnectionTopics followed = ConnectionTopics.follow(kafka(), availability)
                .definitions(CONNECTIONS, orgUrls::put).events(EVENTS)
                .named("connection-topics-it").start()) {
            followed.caughtUp().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(availability.of(connection)).isEqualTo(new Availability.Paused(PauseReason.TOKEN_EXPIRED));
            assertThat(orgUrls).containsEntry(connection, URI.create("https://" + id + ".crm4.dynamics.com"));

            send(EVENTS, id, event(id, ConnectionEventType.RECONNECTED));
            await().atMost(WAIT).until(() -> availability.of(connection).usable());

            send(EVENTS, id, event(id, ConnectionEventType.DISCONNECTED));
            await().atMost(WAIT).until(() -> availability.of(connection)
                    .equals(new Availability.Paused(PauseReason.DISCONNECTED)));

            send(CONNECTIONS, id, null);
            await().atMost(WAIT).until(() -> availability.of(connection)
                    .equals(new Availability.Paused(PauseReason.DELETED)));
        }
    }

    @Test
    void readsEventsAloneWhereDefinitionsAreNotFollowed() throws Exception {
        String id = "e-" + UUID.randomUUID().toString().substring(0, 8);
        ConnectionId connection = ConnectionId.of(id);
        send(EVENTS, id, event(id, ConnectionEventType.DISCONNECTED));
        ConnectionAvailability availability = ConnectionAvailability.ofAnyConnection();

        try (ConnectionTopics followed = ConnectionTopics.follow(kafka(), availability).events(EVENTS)
                .named("connection-events-it").start()) {
            followed.caughtUp().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(availability.of(connection)).isEqualTo(new Availability.Paused(PauseReason.DISCONNECTED));
            send(EVENTS, id, event(id, ConnectionEventType.CONNECTED));
            await().atMost(WAIT).until(() -> availability.of(connection).usable());
        }
    }

    private static Map<String, Object> kafka() {
        return Map.of("bootstrap.servers", broker.getBrokersAsString(), "schema.registry.url",
                SERDE.get("schema.registry.url"));
    }

    private static void send(String topic, String key, SpecificRecord value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private static ConnectionDefinition definition(String id, boolean enabled) {
        String orgUrl = "https://" + id + ".crm4.dynamics.com";
        return ConnectionDefinition.newBuilder().setConnectionId(id).setDisplayName(id).setOrgUrl(orgUrl)
                .setAuthority("https://login.microsoftonline.com/contoso.onmicrosoft.com/")
                .setAuthorityType(AuthorityType.ENTRA_ID).setAuthKind(AuthKind.CLIENT_CREDENTIALS)
                .setClientId("51f81489-12ee-4a9e-aaae-a2591f45987d").setScopes(List.of(orgUrl + "/.default"))
                .setEnabled(enabled).setUpdatedAt(Instant.now()).build();
    }

    private static ConnectionEvent event(String id, ConnectionEventType type) {
        return ConnectionEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setConnectionId(id)
                .setType(type).setState(ConnectionState.ACTIVE).setOccurredAt(Instant.now()).build();
    }
}
