package io.crmbridge.token.events;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.schemas.topics.OwnedTopics;
import io.crmbridge.schemas.topics.Topics;
import io.crmbridge.token.ownership.Followers;
import io.crmbridge.token.ownership.OwnershipProperties;
import io.crmbridge.token.ownership.UpdateRecords;
import io.crmbridge.token.refresh.RefreshingTokens;
import io.crmbridge.token.vault.ConnectionRecords;
import io.crmbridge.token.vault.VaultRecords;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

/**
 * The contracts side: owned topics, the Kafka setup, the Avro mappings behind the features' record ports and the
 * topic followers.
 */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    @Bean
    OwnedTopics ownedTopics(Topics topics) {
        return new OwnedTopics(topics.ownedByTokenService());
    }

    @Bean
    KafkaSetup kafkaSetup(KafkaProperties kafka, Topics topics, OwnershipProperties ownership) {
        String instance = Optional.ofNullable(ownership.instanceId()).filter(s -> !s.isBlank())
                .orElseGet(EventsConfiguration::hostName);
        return new KafkaSetup(kafka.buildProducerProperties(), kafka.buildConsumerProperties(), topics,
                ownership.groupId(), instance);
    }

    // Prototypes: each consumer thread reads with a deserializer of its own, as it always has.
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    VaultRecords vaultRecords(KafkaSetup kafka) {
        return new VaultEntries(kafka.deserializer());
    }

    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    ConnectionRecords connectionRecords(KafkaSetup kafka) {
        return new ConnectionDefinitions(kafka.deserializer());
    }

    @Bean
    UpdateRecords updateRecords(KafkaSetup kafka, TokenCipher cipher) {
        return new AvroUpdateRecords(kafka.instanceId(), cipher);
    }

    @Bean
    KafkaTokenRequestListener tokenRequestListener(KafkaSetup kafka, RefreshingTokens tokens) {
        return new KafkaTokenRequestListener(kafka, tokens);
    }

    @Bean
    KafkaConnectionEventBoard connectionEventBoard(KafkaSetup kafka) {
        return new KafkaConnectionEventBoard(kafka);
    }

    @Bean
    Followers followers(KafkaTokenRequestListener requests, KafkaConnectionEventBoard board) {
        return new Followers(List.of(new Followers.Follower("token-requests", requests::start, requests::stop),
                new Followers.Follower("connection-events", board::start, board::stop)));
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "token-service-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
