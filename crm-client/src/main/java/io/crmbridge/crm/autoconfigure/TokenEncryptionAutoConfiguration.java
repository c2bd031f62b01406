package io.crmbridge.crm.autoconfigure;

import io.crmbridge.crm.token.TokenCipher;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The one binding of {@code crmbridge.token-encryption} for every service: validates the keys at start-up (a missing
 * or malformed key is an error naming the property) and provides the {@link TokenCipher} that seals and opens
 * access tokens. Readers of the grants build them with {@code AccessTokenGrants.start(GrantSettings.fromKafka(...),
 * cipher)}.
 */
@AutoConfiguration
@EnableConfigurationProperties(TokenEncryptionProperties.class)
public class TokenEncryptionAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TokenCipher tokenCipher(TokenEncryptionProperties properties) {
        return new TokenCipher(properties.encryptionKeys());
    }
}
