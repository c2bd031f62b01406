package io.crmbridge.token.events;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.schemas.topics.OwnedTopics;
import io.crmbridge.schemas.topics.Topics;
import io.crmbridge.token.connection.ConfiguredConnections;
import io.crmbridge.token.connection.ConnectionAdministration;
import io.crmbridge.token.refresh.RefreshingTokens;
import io.crmbridge.token.vault.TokenVault;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Kafka side: owned topics, the definitions, ownership, publishing and the listeners. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OwnershipProperties.class)
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

    @Bean
    VaultPartitions vaultPartitions(KafkaSetup kafka) {
        return new VaultPartitions(() -> {
            try (var consumer = kafka.consumer("partition-count", null)) {
                return consumer.partitionsFor(kafka.topics().tokenVault().name()).size();
            }
        });
    }

    @Bean(destroyMethod = "closeAll")
    ShardPublishers shardPublishers(KafkaSetup kafka, VaultPartitions partitions, TokenVault vault,
                                    TokenCipher cipher) {
        return new ShardPublishers(kafka, partitions, vault, new ConnectionEvents(kafka.instanceId()),
                new AccessTokenGrants(cipher));
    }

    @Bean
    KafkaConnections kafkaConnections(KafkaSetup kafka, VaultPartitions partitions, TokenVault vault,
                                      ConfiguredConnections configured) {
        return new KafkaConnections(kafka, partitions, vault, configured.credentials());
    }

    @Bean(destroyMethod = "close")
    KafkaHandovers kafkaHandovers(KafkaSetup kafka, VaultPartitions partitions, TokenVault vault) {
        return new KafkaHandovers(kafka, partitions, vault);
    }

    @Bean
    VaultOwnership vaultOwnership(KafkaSetup kafka, TokenVault vault, ShardPublishers publishers,
                                  RefreshingTokens tokens, OwnershipProperties ownership) {
        int session = (int) ownership.sessionTimeout().toMillis();
        return new VaultOwnership(kafka, vault, publishers, tokens, Map.of(
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, session,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(500, session / 5)));
    }

    @Bean
    TokenRequestListener tokenRequestListener(KafkaSetup kafka, RefreshingTokens tokens) {
        return new TokenRequestListener(kafka, tokens);
    }

    @Bean
    ConnectionEventBoard connectionEventBoard(KafkaSetup kafka) {
        return new ConnectionEventBoard(kafka);
    }

    @Bean
    KafkaClients kafkaClients(KafkaConnections connections, VaultOwnership ownership, TokenRequestListener requests,
                              ConnectionEventBoard board, ConnectionAdministration administration,
                              ConfiguredConnections configured, OwnershipProperties properties) {
        return new KafkaClients(connections, ownership, requests, board, administration, configured.all(),
                properties.startupTimeout());
    }

    @Bean
    KafkaReadiness kafka(KafkaProperties kafka, KafkaConnections connections, VaultOwnership ownership) {
        return new KafkaReadiness(kafka.buildAdminProperties(), connections, ownership);
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
