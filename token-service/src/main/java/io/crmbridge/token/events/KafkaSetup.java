package io.crmbridge.token.events;

import java.util.HashMap;
import java.util.Map;

import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.schemas.serde.AvroSerializer;
import io.crmbridge.schemas.topics.Topics;
import io.crmbridge.token.vault.KafkaClientSource;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How this service's Kafka clients are made: the cluster settings from {@code spring.kafka.*} (serde settings such
 * as {@code schema.registry.url} under {@code spring.kafka.properties}), the topic names, the consumer group that
 * decides ownership and this instance's id.
 */
public record KafkaSetup(Map<String, Object> producer, Map<String, Object> consumer, Topics topics, String groupId,
                         String instanceId) implements KafkaClientSource {

    @Override
    public KafkaProducer<String, Object> producer(String clientSuffix, String transactionalId) {
        Map<String, Object> config = new HashMap<>(producer);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, instanceId + "-" + clientSuffix);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(config, new StringSerializer(), serializer());
    }

    @Override
    public KafkaConsumer<String, byte[]> consumer(String clientSuffix, String group, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(consumer);
        config.putAll(extra);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, instanceId + "-" + clientSuffix);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    <T extends SpecificRecord> AvroDeserializer<T> deserializer() {
        return AvroDeserializer.forGeneratedClasses(consumer);
    }

    private AvroSerializer<Object> serializer() {
        AvroSerializer<Object> serializer = new AvroSerializer<>();
        serializer.configure(producer, false);
        return serializer;
    }
}
