package io.crmbridge.poller.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.crm.token.AccessTokenGrants;
import io.crmbridge.crm.token.AccessTokens;
import io.crmbridge.crm.token.GrantSettings;
import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.events.AccessTokenGrant;
import io.crmbridge.events.TokenRequest;
import io.crmbridge.poller.capture.OwnedSubscriptions;
import io.crmbridge.poller.subscription.ConnectionStates;
import io.crmbridge.poller.subscription.PollerSettings;
import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.schemas.serde.AvroSerializer;
import io.crmbridge.schemas.topics.OwnedTopics;
import io.crmbridge.schemas.topics.TopicSpec;
import io.crmbridge.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Everything Kafka: the topics this service owns (checkpoints and one change topic per subscribed table), the
 * transactional change logs, group ownership of the shards, the connection states and the access-token grants.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenEncryptionSettings.class)
class EventsConfiguration {

    private static final String REQUESTED_BY = "poller-service";

    @Bean
    OwnedTopics ownedTopics(Topics topics, ChangeTopics changeTopics, PollerSettings settings) {
        List<TopicSpec> owned = new ArrayList<>(topics.ownedByPoller());
        settings.subscriptions().stream().map(Subscription::entity).distinct()
                .forEach(entity -> owned.add(changeTopics.spec(entity)));
        return new OwnedTopics(owned);
    }

    @Bean
    ChangeTopics changeTopics(Topics topics, PollerSettings settings) {
        return new ChangeTopics(topics, settings.changeTopicTemplate());
    }

    @Bean
    KafkaChangeLogs kafkaChangeLogs(KafkaProperties kafka, Topics topics, ChangeTopics changeTopics,
                                    PollerSettings settings) {
        return new KafkaChangeLogs(new KafkaChangeLogs.Clients(producerConfig(kafka), kafka.buildConsumerProperties(),
                settings.transactionalIdPrefix(), topics.pollerCheckpoints().name(), topics.pollerRecords().name(),
                settings.restoreTimeout()),
                new RecordChangedEvents(changeTopics));
    }

    @Bean
    KafkaOwnership kafkaOwnership(KafkaProperties kafka, Topics topics, PollerSettings settings,
                                  OwnedSubscriptions owned, KafkaChangeLogs changeLogs) {
        return new KafkaOwnership(kafka.buildConsumerProperties(), settings.groupId(),
                topics.pollerCheckpoints().name(), owned, changeLogs);
    }

    @Bean
    KafkaConnectionStates kafkaConnectionStates(KafkaProperties kafka, Topics topics, ConnectionStates states) {
        return new KafkaConnectionStates(kafka.buildConsumerProperties(), topics.connections().name(),
                topics.connectionEvents().name(), states);
    }

    @Bean
    PollerLifecycle pollerLifecycle(KafkaConnectionStates connections, KafkaOwnership ownership) {
        return new PollerLifecycle(connections, ownership);
    }

    @Bean
    PollerHealth pollerHealth(KafkaOwnership ownership, KafkaConnectionStates connections, OwnedSubscriptions owned) {
        return new PollerHealth(ownership, connections, owned);
    }

    /** The token-service's grants: the bearer tokens of every connection, and the way to report a 401. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(AccessTokens.class)
    AccessTokenGrants accessTokenGrants(KafkaProperties kafka, Topics topics, TokenEncryptionSettings encryption,
                                        ConnectionStates states) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        AvroDeserializer<AccessTokenGrant> grants = new AvroDeserializer<>();
        grants.configure(withSpecificReader(config), false);
        AvroSerializer<TokenRequest> requests = new AvroSerializer<>();
        requests.configure(kafka.buildProducerProperties(), false);
        GrantSettings settings = GrantSettings.of(String.join(",", kafka.getBootstrapServers()), REQUESTED_BY)
                .withKafka(clientProperties(config))
                .withTopics(topics.accessTokens().name(), topics.tokenRequests().name());
        AccessTokenGrants started = AccessTokenGrants.start(settings, new TokenCipher(encryption.encryptionKeys()),
                grants, requests);
        // Connections are polled from their first grant. A new grant ends a pause caused by a refused token
        // (TOKEN_EXPIRED or a 401 after renewal). Grants read while catching up are history: the pauses replayed
        // from crm.connection-events already account for them.
        states.pollOnlyGranted(connection -> started.latest(connection).isPresent());
        started.caughtUp().doOnSuccess(done -> started.updates().subscribe(token -> states.resumed(token.connection())))
                .subscribe();
        return started;
    }

    private static Map<String, Object> producerConfig(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>();
        // Throughput defaults for page-sized transactions; spring.kafka.producer.* overrides them.
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.putAll(kafka.buildProducerProperties());
        return config;
    }

    private static Map<String, Object> withSpecificReader(Map<String, Object> config) {
        Map<String, Object> copy = new HashMap<>(config);
        copy.put("specific.avro.reader", true);
        return copy;
    }

    /** Connection and security settings only: the grants component sets its own serdes and group settings. */
    private static Map<String, Object> clientProperties(Map<String, Object> config) {
        Map<String, Object> copy = new HashMap<>(config);
        copy.keySet().removeIf(key -> key.contains("deserializer") || key.contains("serializer")
                || key.equals(ConsumerConfig.GROUP_ID_CONFIG) || key.startsWith("auto.offset")
                || key.startsWith("enable.auto"));
        return copy;
    }
}
