package io.crmbridge.action.events;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crmbridge.token-encryption.*}: the AES-256 keys access-token grants are sealed with (shared with the
 * token-service), by key id, base64-encoded; the active one names the current key.
 */
@ConfigurationProperties("crmbridge.token-encryption")
public record TokenEncryptionSettings(@DefaultValue("") String activeKeyId, Map<String, String> keys) {

    public TokenEncryptionSettings {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }

    @Override
    public String toString() {
        return "TokenEncryptionSettings[activeKeyId=" + activeKeyId + ", keyIds=" + keys.keySet() + "]";
    }
}
