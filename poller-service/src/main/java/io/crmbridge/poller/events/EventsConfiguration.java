package io.crmbridge.poller.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.crm.token.AccessTokenGrants;
import io.crmbridge.crm.token.AccessTokens;
import io.crmbridge.crm.token.GrantSettings;
import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.crm.topic.ConnectionTopics;
import io.crmbridge.poller.capture.OwnedSubscriptions;
import io.crmbridge.poller.subscription.ConnectionStates;
import io.crmbridge.poller.subscription.PollerSettings;
import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.schemas.topics.OwnedTopics;
import io.crmbridge.schemas.topics.TopicSpec;
import io.crmbridge.schemas.topics.Topics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Everything Kafka: the topics this service owns (checkpoints and one change topic per subscribed table), the
 * transactional change logs, group ownership of the shards, the connection states and the access-token grants.
 */
@Configuration(proxyBeanMethods = false)
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

    /** crm.connections and crm.connection-events into the one availability rule (crm-client's), org URLs aside. */
    @Bean(destroyMethod = "close")
    ConnectionTopics connectionTopics(KafkaProperties kafka, Topics topics, ConnectionStates states) {
        return ConnectionTopics.follow(kafka.buildConsumerProperties(), states.availability())
                .definitions(topics.connections().name(), states::knowOrgUrl)
                .events(topics.connectionEvents().name()).named("poller-connections").start();
    }

    @Bean
    PollerLifecycle pollerLifecycle(KafkaOwnership ownership) {
        return new PollerLifecycle(ownership);
    }

    @Bean
    PollerHealth pollerHealth(KafkaOwnership ownership, ConnectionTopics connections, OwnedSubscriptions owned) {
        return new PollerHealth(ownership, connections, owned);
    }

    /** The token-service's grants: the bearer tokens of every connection, and the way to report a 401. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(AccessTokens.class)
    AccessTokenGrants accessTokenGrants(KafkaProperties kafka, Topics topics, TokenCipher cipher,
                                        ConnectionStates states) {
        GrantSettings settings = GrantSettings.fromKafka(kafka.buildConsumerProperties(),
                topics.accessTokens().name(), topics.tokenRequests().name(), REQUESTED_BY);
        // Connections are polled from their first grant; a newer grant ends a pause for a refused token.
        return AccessTokenGrants.start(settings, cipher).feed(states.availability());
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
}
