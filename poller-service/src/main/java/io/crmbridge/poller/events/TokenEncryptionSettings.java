package io.crmbridge.poller.events;

import java.util.Map;

import io.crmbridge.crm.token.EncryptionKeys;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crmbridge.token-encryption.*}: the AES-256 keys the token-service encrypts access-token grants with,
 * shared by every service that reads grants.
 *
 * @param activeKeyId the key id new grants are sealed with
 * @param keys        base64 32-byte keys by key id (older ids stay during a rotation)
 */
@Validated
@ConfigurationProperties("crmbridge.token-encryption")
record TokenEncryptionSettings(@NotBlank String activeKeyId, @NotEmpty Map<String, String> keys) {

    EncryptionKeys encryptionKeys() {
        return EncryptionKeys.of(activeKeyId, keys);
    }

    @Override
    public String toString() {
        return "TokenEncryptionSettings[activeKeyId=" + activeKeyId + ", keys=" + keys.keySet() + "]";
    }
}
