package io.crmbridge.poller.capture;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.crm.topic.ConnectionTopics;
import io.crmbridge.poller.subscription.CaptureTopics;
import io.crmbridge.poller.subscription.ConnectionStates;
import io.crmbridge.poller.subscription.SubscriptionCatalogue;
import io.crmbridge.poller.subscription.PollerSettings;
import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.poller.tracking.ChangeFeed;
import io.crmbridge.schemas.topics.OwnedTopics;
import io.crmbridge.schemas.topics.TopicSpec;
import io.crmbridge.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The capture use case, the shard workers and the poke endpoint; on Kafka, the topics this service owns
 * (checkpoints, record index and one change topic per subscribed table), the transactional change logs and group
 * ownership of the shards.
 */
@Configuration(proxyBeanMethods = false)
class CaptureConfiguration {

    @Bean
    CaptureMetrics captureMetrics(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry available = registry.getIfAvailable();
        return available == null ? CaptureMetrics.NONE : new MicrometerCaptureMetrics(available);
    }

    @Bean
    CapturingChanges capturingChanges(ChangeFeed feed, CaptureMetrics metrics, PollerSettings settings) {
        return new CapturingChanges(feed, Clock.systemUTC(), metrics, settings.quietCommitInterval());
    }

    @Bean(destroyMethod = "close")
    OwnedSubscriptions ownedSubscriptions(PollerSettings settings, SubscriptionCatalogue catalogue,
                                          CapturingChanges capturing, ConnectionStates connections) {
        return new OwnedSubscriptions(catalogue, capturing, connections,
                new Pacing(settings.initialBackoff(), settings.maxBackoff()), Clock.systemUTC(),
                settings.modifiedOnOverlap(), settings.stopTimeout(), settings.failingAfter(),
                settings.metadataRefresh());
    }

    @Bean
    RouterFunction<ServerResponse> pokeRoutes(OwnedSubscriptions owned) {
        return new PokeEndpoint(owned).routes();
    }

    @Bean
    OwnedTopics ownedTopics(Topics topics, ChangeTopics changeTopics, PollerSettings settings) {
        List<TopicSpec> owned = new ArrayList<>(topics.ownedByPoller());
        settings.subscriptions().stream().map(s -> changeTopics.spec(s.key(), s.format())).distinct()
                .forEach(owned::add);
        return new OwnedTopics(owned);
    }

    @Bean
    CaptureTopics captureTopics(KafkaProperties kafka, ChangeTopics changeTopics) {
        return new KafkaCaptureTopics(kafka.buildAdminProperties(), changeTopics);
    }

    @Bean
    ChangeTopics changeTopics(Topics topics, PollerSettings settings) {
        return new ChangeTopics(topics, settings.changeTopicTemplate(), settings.typedTopicTemplate());
    }

    @Bean
    KafkaChangeLogs kafkaChangeLogs(KafkaProperties kafka, Topics topics, ChangeTopics changeTopics,
                                    ChangeRecords records, PollerSettings settings) {
        return new KafkaChangeLogs(new KafkaChangeLogs.Clients(producerConfig(kafka), kafka.buildConsumerProperties(),
                settings.transactionalIdPrefix(), topics.pollerCheckpoints().name(), topics.pollerRecords().name(),
                topics.captureEvents().name(), settings.restoreTimeout()), changeTopics, records, settings.tombstonesOnDelete());
    }

    @Bean
    KafkaOwnership kafkaOwnership(KafkaProperties kafka, Topics topics, PollerSettings settings,
                                  OwnedSubscriptions owned, KafkaChangeLogs changeLogs) {
        return new KafkaOwnership(kafka.buildConsumerProperties(), settings.groupId(),
                topics.pollerCheckpoints().name(), owned, changeLogs);
    }

    @Bean
    PollerLifecycle pollerLifecycle(KafkaOwnership ownership) {
        return new PollerLifecycle(ownership);
    }

    @Bean
    PollerHealth pollerHealth(KafkaOwnership ownership, ConnectionTopics connections, OwnedSubscriptions owned) {
        return new PollerHealth(ownership, connections, owned);
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
