package io.crmbridge.poller.events;

import io.crmbridge.poller.capture.ChangeRecords;
import io.crmbridge.poller.subscription.SubscriptionRecords;
import io.crmbridge.schemas.registry.SchemaRegistry;
import io.crmbridge.schemas.topics.Topics;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Avro contracts of what the change log writes and reads back. */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    /** TYPED schemas are named under the topic prefix; the registry is the one the producers use. */
    @Bean
    ChangeRecords changeRecords(Topics topics, KafkaProperties kafka) {
        return new AvroChangeRecords(topics.settings().prefix(),
                SchemaRegistry.connect(kafka.buildProducerProperties()));
    }

    @Bean
    SubscriptionRecords subscriptionRecords() {
        return new AvroSubscriptionRecords();
    }
}
