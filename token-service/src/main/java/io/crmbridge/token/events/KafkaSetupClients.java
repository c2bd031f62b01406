package io.crmbridge.token.events;

import java.util.Map;

import io.crmbridge.schemas.topics.Topics;
import io.crmbridge.token.vault.KafkaClientSource;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/** The features' Kafka clients as {@link KafkaSetup} makes them. */
public final class KafkaSetupClients implements KafkaClientSource {

    private final KafkaSetup kafka;

    KafkaSetupClients(KafkaSetup kafka) {
        this.kafka = kafka;
    }

    /** Over a setup of its own: the cluster settings, topic names, ownership group and this instance's id. */
    public static KafkaSetupClients of(Map<String, Object> producer, Map<String, Object> consumer, Topics topics,
                                       String groupId, String instanceId) {
        return new KafkaSetupClients(new KafkaSetup(producer, consumer, topics, groupId, instanceId));
    }

    @Override
    public Topics topics() {
        return kafka.topics();
    }

    @Override
    public String groupId() {
        return kafka.groupId();
    }

    @Override
    public KafkaProducer<String, Object> producer(String clientSuffix, String transactionalId) {
        return kafka.producer(clientSuffix, transactionalId);
    }

    @Override
    public KafkaConsumer<String, byte[]> consumer(String clientSuffix, String group, Map<String, Object> extra) {
        return kafka.consumer(clientSuffix, group, extra);
    }
}
