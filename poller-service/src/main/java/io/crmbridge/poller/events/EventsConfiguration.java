package io.crmbridge.poller.events;

import io.crmbridge.poller.capture.ChangeRecords;
import io.crmbridge.poller.subscription.SubscriptionRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Avro contracts of what the change log writes and reads back. */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    @Bean
    ChangeRecords changeRecords() {
        return new AvroChangeRecords();
    }

    @Bean
    SubscriptionRecords subscriptionRecords() {
        return new AvroSubscriptionRecords();
    }
}
