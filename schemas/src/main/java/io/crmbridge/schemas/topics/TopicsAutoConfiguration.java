package io.crmbridge.schemas.topics;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Gives every service the same {@link Topics} and runs the idempotent topic-creation step for the
 * {@link OwnedTopics} beans it declares, before any listener or producer starts.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaAdmin.class)
@EnableConfigurationProperties(TopicProperties.class)
public class TopicsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Topics topics(TopicProperties properties) {
        return new Topics(properties.toSettings());
    }

    @Bean
    SmartInitializingSingleton ownedTopicsCreation(ObjectProvider<OwnedTopics> owned, KafkaAdmin admin,
                                                   TopicProperties properties) {
        return () -> {
            List<TopicSpec> topics = owned.orderedStream().flatMap(o -> o.topics().stream()).toList();
            if (!topics.isEmpty()) {
                TopicCreation.ensure(admin.getConfigurationProperties(), topics, properties.creationTimeout());
            }
        };
    }
}
