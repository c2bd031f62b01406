package io.crmbridge.token.vault;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crmbridge.token-encryption.*}: the AES-256 keys that seal the vault, the access-token grants and sign-in
 * states. Consumers of the grants (poller, action) hold the same keys.
 *
 * @param activeKeyId the key new data is sealed with
 * @param keys        key id → 32-byte key, base64 ({@code openssl rand -base64 32}); keep old ids during a rotation
 */
@Validated
@ConfigurationProperties("crmbridge.token-encryption")
record VaultProperties(@NotBlank String activeKeyId, @NotEmpty Map<String, String> keys) {

    @Override
    public String toString() {
        return "VaultProperties[activeKeyId=" + activeKeyId + ", keys=" + keys.keySet() + "]";
    }
}
