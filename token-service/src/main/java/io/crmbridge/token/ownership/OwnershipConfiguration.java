package io.crmbridge.token.ownership;

import java.util.Map;

import io.crmbridge.token.connection.ConfiguredConnections;
import io.crmbridge.token.connection.ConnectionAdministration;
import io.crmbridge.token.refresh.RefreshingTokens;
import io.crmbridge.token.vault.KafkaClientSource;
import io.crmbridge.token.vault.KafkaConnections;
import io.crmbridge.token.vault.Shards;
import io.crmbridge.token.vault.TokenVault;
import io.crmbridge.token.vault.VaultRecords;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which instance owns which connection: the ownership group, the publishers of owned shards, start-up order. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OwnershipProperties.class)
class OwnershipConfiguration {

    @Bean(destroyMethod = "closeAll")
    KafkaShardPublishers shardPublishers(KafkaClientSource kafka, Shards partitions, TokenVault vault,
                                    UpdateRecords records, VaultRecords vaultRecords) {
        return new KafkaShardPublishers(kafka, partitions, vault, records, vaultRecords);
    }

    @Bean
    KafkaVaultOwnership vaultOwnership(KafkaClientSource kafka, TokenVault vault, KafkaShardPublishers publishers,
                                  RefreshingTokens tokens, VaultRecords records, OwnershipProperties ownership) {
        int session = (int) ownership.sessionTimeout().toMillis();
        return new KafkaVaultOwnership(kafka, vault, publishers, tokens, records, Map.of(
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, session,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(500, session / 5)));
    }

    @Bean
    KafkaClients kafkaClients(KafkaConnections connections, KafkaVaultOwnership ownership, Followers followers,
                              ConnectionAdministration administration, ConfiguredConnections configured,
                              OwnershipProperties properties) {
        return new KafkaClients(connections, ownership, followers, administration, configured.all(),
                properties.startupTimeout());
    }

    @Bean
    KafkaReadiness kafka(KafkaProperties kafka, KafkaConnections connections, KafkaVaultOwnership ownership) {
        return new KafkaReadiness(kafka.buildAdminProperties(), connections, ownership);
    }
}
