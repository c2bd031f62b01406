package io.crmbridge.poller.subscription;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The configured subscriptions and the state of their connections. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PollerSettings.class)
class SubscriptionConfiguration {

    @Bean
    ConnectionStates connectionStates(PollerSettings settings) {
        ConnectionStates states = new ConnectionStates();
        // A connection whose org URL is configured is polled without waiting for its definition on Kafka.
        settings.configuredOrgUrls().forEach((connection, url) -> states.defined(connection, url, true));
        return states;
    }
}
