package io.crmbridge.crm.autoconfigure;

import java.util.Map;

import io.crmbridge.crm.token.EncryptionKeys;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code crmbridge.token-encryption.*}: the AES-256 keys that seal access tokens on Kafka (grants, and in the
 * token-service the vault and sign-in states). Every service holds the same keys.
 *
 * @param activeKeyId the key id new data is sealed with
 * @param keys        key id → 32-byte key, base64 ({@code openssl rand -base64 32}); keep old ids during a rotation
 */
@ConfigurationProperties(TokenEncryptionProperties.PREFIX)
public record TokenEncryptionProperties(String activeKeyId, Map<String, String> keys) {

    static final String PREFIX = "crmbridge.token-encryption";

    public TokenEncryptionProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }

    /** The keys, or a start-up error that names the property to set (never a key's value). */
    public EncryptionKeys encryptionKeys() {
        if (keys.isEmpty() || keys.values().stream().allMatch(key -> key == null || key.isBlank())) {
            throw new IllegalStateException(PREFIX + ".keys is empty: set " + PREFIX + ".keys.<key-id> to the "
                    + "base64 AES-256 key(s) the token-service seals access tokens with (CRMBRIDGE_TOKEN_KEY)");
        }
        if (activeKeyId == null || activeKeyId.isBlank()) {
            throw new IllegalStateException(PREFIX + ".active-key-id is not set: name the key id new data is sealed "
                    + "with (one of " + keys.keySet() + ")");
        }
        try {
            return EncryptionKeys.of(activeKeyId, keys);
        } catch (IllegalArgumentException e) {
            // Not chained: the message is all there is to say, and it never holds key material.
            throw new IllegalStateException(PREFIX + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "TokenEncryptionProperties[activeKeyId=" + activeKeyId + ", keyIds=" + keys.keySet() + "]";
    }
}
