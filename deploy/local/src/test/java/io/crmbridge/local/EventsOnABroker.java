package io.crmbridge.local;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.events.ChangeSource;
import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.events.ConnectionState;
import io.crmbridge.events.ChangeType;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.events.WriteOperation;
import io.crmbridge.events.WriteResult;
import io.crmbridge.events.WriteStatus;
import io.crmbridge.schemas.serde.AvroSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Tests' real embedded KRaft broker with transactions on one node, the CRM Bridge topics the tests need, and a
 * transactional producer writing events as the services do (Avro, {@code mock://} registry).
 */
public final class EventsOnABroker implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;
    private final String registry = "mock://local-" + UUID.randomUUID();

    public EventsOnABroker(String... topics) {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1"));
        broker.afterPropertiesSet();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(topics).stream().map(t -> new NewTopic(t, 2, (short) 1)).toList()).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test topics", e);
        }
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    public String registryUrl() {
        return registry;
    }

    /** Sends the records in one transaction, committed or aborted. */
    public void send(boolean commit, List<ProducerRecord<String, Object>> records) {
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + UUID.randomUUID(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class,
                "schema.registry.url", registry))) {
            producer.initTransactions();
            producer.beginTransaction();
            records.forEach(producer::send);
            if (commit) {
                producer.commitTransaction();
            } else {
                producer.flush();
                producer.abortTransaction();
            }
        }
    }

    public static ProducerRecord<String, Object> record(String topic, Object value) {
        return new ProducerRecord<>(topic, "key", value);
    }

    public static RecordChanged accountCreated(String recordId, String name) {
        return RecordChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setConnectionId("contoso-app")
                .setEntity("account").setRecordId(recordId).setChangeType(ChangeType.CREATED)
                .setChangedAt(Instant.parse("2026-11-30T01:00:00Z")).setVersion(4711L)
                .setAttributes(Map.of("name", name)).setSource(ChangeSource.CHANGE_TRACKING)
                .setCapturedAt(Instant.parse("2026-11-30T01:00:01Z")).build();
    }

    public static WriteResult result(String commandId, WriteStatus status) {
        return WriteResult.newBuilder().setCommandId(commandId).setConnectionId("contoso-app").setEntity("account")
                .setOperation(WriteOperation.UPDATE).setStatus(status).setRetryable(false).setAttempts(1)
                .setHttpStatus(status == WriteStatus.SUCCEEDED ? 204 : 404)
                .setCompletedAt(Instant.parse("2026-11-30T01:00:02Z")).build();
    }

    public static ConnectionEvent tokenExpired() {
        return ConnectionEvent.newBuilder().setEventId("e1").setConnectionId("contoso-alice")
                .setType(ConnectionEventType.TOKEN_EXPIRED).setState(ConnectionState.EXPIRED)
                .setOccurredAt(Instant.parse("2026-11-30T01:00:00Z")).setReasonCode("AADSTS700082")
                .setReconnectUrl("http://localhost:8090/connections/contoso-alice/connect").build();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
