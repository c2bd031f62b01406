package io.crmbridge.token.vault;

import io.crmbridge.crm.token.EncryptionKeys;
import io.crmbridge.crm.token.TokenCipher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The keys and the sealing of everything secret the service writes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VaultProperties.class)
class VaultConfiguration {

    @Bean
    TokenCipher tokenCipher(VaultProperties properties) {
        return new TokenCipher(EncryptionKeys.of(properties.activeKeyId(), properties.keys()));
    }

    @Bean
    TokenVault tokenVault(TokenCipher cipher) {
        return new TokenVault(cipher);
    }
}
