package io.crmbridge.poller.subscription;

import java.time.Clock;

import io.crmbridge.crm.token.AccessTokenGrants;
import io.crmbridge.crm.token.AccessTokens;
import io.crmbridge.crm.token.GrantSettings;
import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.crm.topic.ConnectionTopics;
import io.crmbridge.schemas.topics.Topics;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The configured subscriptions and the state of their connections, followed on Kafka (the connection topics and
 * the token-service's access-token grants).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PollerSettings.class)
class SubscriptionConfiguration {

    private static final String REQUESTED_BY = "poller-service";

    @Bean
    ConnectionStates connectionStates(PollerSettings settings) {
        ConnectionStates states = new ConnectionStates();
        // A connection whose org URL is configured is polled without waiting for its definition on Kafka.
        settings.configuredOrgUrls().forEach((connection, url) -> states.defined(connection, url, true));
        return states;
    }

    /** crm.connections and crm.connection-events into the one availability rule (crm-client's), org URLs aside. */
    @Bean(destroyMethod = "close")
    ConnectionTopics connectionTopics(KafkaProperties kafka, Topics topics, ConnectionStates states) {
        return ConnectionTopics.follow(kafka.buildConsumerProperties(), states.availability())
                .definitions(topics.connections().name(), states::knowOrgUrl)
                .events(topics.connectionEvents().name()).named("poller-connections").start();
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

    @Bean
    SubscriptionCatalogue subscriptionCatalogue(PollerSettings settings) {
        return new SubscriptionCatalogue(settings.defaults());
    }

    /** crm.subscriptions: followed into the catalogue, written by the admin API and the seed. */
    @Bean(destroyMethod = "close")
    KafkaSubscriptions kafkaSubscriptions(KafkaProperties kafka, Topics topics, SubscriptionRecords records,
                                          SubscriptionCatalogue catalogue) {
        return new KafkaSubscriptions(kafka.buildProducerProperties(), kafka.buildConsumerProperties(),
                topics.subscriptions().name(), records, catalogue);
    }

    /** Every instance resolves the table patterns: the same steps give the same specs, which change nothing. */
    @Bean
    SubscriptionLifecycle subscriptionLifecycle(KafkaSubscriptions topic, SubscriptionCatalogue catalogue,
                                                PollerSettings settings, TableCatalog tables, SubscriptionAdmin admin,
                                                ConnectionStates states) {
        PatternSubscriptions patterns = new PatternSubscriptions(settings.tablePatterns(), settings::configuredTables,
                connection -> states.status(connection) == ConnectionStatus.ACTIVE, tables, catalogue, admin,
                Clock.systemUTC());
        return new SubscriptionLifecycle(topic, catalogue, settings, settings.restoreTimeout(), patterns, states);
    }

    @Bean
    SubscriptionAdmin subscriptionAdmin(SubscriptionCatalogue catalogue, ConnectionStates states, TableCatalog tables,
                                        KafkaSubscriptions store, CaptureTopics topics) {
        return new SubscriptionAdmin(catalogue, new SubscriptionValidation(states, tables), store, topics,
                Clock.systemUTC());
    }

    /** crm.capture-signals: snapshots asked for through Kafka, acted on by one instance of the signal group. */
    @Bean(initMethod = "start", destroyMethod = "close")
    KafkaCaptureSignals kafkaCaptureSignals(KafkaProperties kafka, Topics topics, SubscriptionRecords records,
                                            SubscriptionAdmin admin, PollerSettings settings,
                                            KafkaSubscriptions subscriptions) {
        return new KafkaCaptureSignals(kafka.buildConsumerProperties(), settings.groupId() + "-signals",
                topics.captureSignals().name(), records, admin, subscriptions.caughtUp());
    }

    @Bean
    RouterFunction<ServerResponse> subscriptionRoutes(SubscriptionAdmin admin, SubscriptionCatalogue catalogue) {
        return new SubscriptionsEndpoint(admin, catalogue).routes();
    }
}
