package io.crmbridge.poller.events;

import io.crmbridge.schemas.topics.OwnedTopics;
import io.crmbridge.schemas.topics.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Kafka topics this service owns; they are created (if missing) at start-up. */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    @Bean
    OwnedTopics ownedTopics(Topics topics) {
        return new OwnedTopics(topics.ownedByPoller());
    }
}
