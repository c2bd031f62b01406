package io.crmbridge.token.vault;

import io.crmbridge.crm.token.TokenCipher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sealing of everything secret the service writes, with the keys of {@code crmbridge.token-encryption}, bound
 * and validated once for every service by crm-client's {@code TokenEncryptionAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class VaultConfiguration {

    @Bean
    TokenVault tokenVault(TokenCipher cipher) {
        return new TokenVault(cipher);
    }
}
