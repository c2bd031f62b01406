package io.crmbridge.token.vault;

import io.crmbridge.token.connection.ConfiguredConnections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The vault's storage on Kafka: its partitions, the handovers written into them and the definitions beside them. */
@Configuration(proxyBeanMethods = false)
class VaultStorageConfiguration {

    @Bean
    KafkaVaultPartitions vaultPartitions(KafkaClientSource kafka) {
        return new KafkaVaultPartitions(() -> {
            try (var consumer = kafka.consumer("partition-count", null)) {
                return consumer.partitionsFor(kafka.topics().tokenVault().name()).size();
            }
        });
    }

    @Bean
    KafkaConnections kafkaConnections(KafkaClientSource kafka, KafkaVaultPartitions partitions, TokenVault vault,
                                      ConfiguredConnections configured, ConnectionRecords definitions,
                                      VaultRecords records) {
        return new KafkaConnections(kafka, partitions, vault, configured.credentials(), definitions, records);
    }

    @Bean(destroyMethod = "close")
    KafkaHandovers kafkaHandovers(KafkaClientSource kafka, KafkaVaultPartitions partitions, TokenVault vault,
                                  VaultRecords records) {
        return new KafkaHandovers(kafka, partitions, vault, records);
    }
}
