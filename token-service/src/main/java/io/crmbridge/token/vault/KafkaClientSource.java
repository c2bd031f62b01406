package io.crmbridge.token.vault;

import java.util.Map;

import io.crmbridge.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Where the Kafka adapters of the features get their clients: the cluster settings, topic names, the ownership
 * group and this instance's client ids. Implemented in {@code events/} over the service's Kafka setup, so no feature
 * depends on that package.
 */
public interface KafkaClientSource {

    Topics topics();

    /** The consumer group of the vault topic, whose assignments decide which instance owns which connection. */
    String groupId();

    /** An idempotent producer whose values are Avro records; transactional when {@code transactionalId} is given. */
    KafkaProducer<String, Object> producer(String clientSuffix, String transactionalId);

    /** A consumer of raw values, read_committed; without a group unless {@code group} is given. */
    default KafkaConsumer<String, byte[]> consumer(String clientSuffix, String group) {
        return consumer(clientSuffix, group, Map.of());
    }

    /** As {@link #consumer(String, String)}, with {@code extra} settings (e.g. session timeout, assignor). */
    KafkaConsumer<String, byte[]> consumer(String clientSuffix, String group, Map<String, Object> extra);
}
