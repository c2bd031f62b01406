package io.crmbridge.local;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.crmbridge.events.RecordTarget;
import io.crmbridge.events.WriteCommand;
import io.crmbridge.events.WriteOperation;
import io.crmbridge.schemas.serde.AvroSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Another team's producer of write commands: Avro to {@code crm.write-commands}, keyed by connection and row. */
final class CommandSender implements AutoCloseable {

    private final KafkaProducer<String, Object> producer;

    CommandSender(LocalStack stack) {
        // The serializer first: it makes Avro trust io.crmbridge.events, which building a command needs.
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class,
                "schema.registry.url", stack.sandbox().registryUrl().toString()));
    }

    /** A CREATE of an account with {@code id} (so the test knows the row) and {@code name}. */
    static WriteCommand createAccount(String connection, UUID id, String name) {
        return WriteCommand.newBuilder().setCommandId("scenario-" + UUID.randomUUID()).setConnectionId(connection)
                .setEntity("account").setOperation(WriteOperation.CREATE)
                .setTarget(RecordTarget.newBuilder().setId(id.toString()).build())
                .setAttributes(Map.of("name", name)).setRequestedAt(Instant.now()).build();
    }

    void send(WriteCommand command) throws Exception {
        String key = command.getConnectionId() + ":" + command.getEntity() + ":" + command.getTarget().getId();
        producer.send(new ProducerRecord<>(DemoConfiguration.TOPIC_PREFIX + ".write-commands", key, command))
                .get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
