package io.crmbridge.crm.token;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that protect tokens on Kafka, by key id. New data is sealed with the active key; older key ids
 * stay readable during a rotation until everything sealed with them has been rewritten or has expired.
 */
public final class EncryptionKeys {

    private final String activeKeyId;
    private final Map<String, SecretKey> keys;

    private EncryptionKeys(String activeKeyId, Map<String, SecretKey> keys) {
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active key id '" + activeKeyId + "' has no key; known ids: "
                    + keys.keySet());
        }
        this.activeKeyId = activeKeyId;
        this.keys = Map.copyOf(keys);
    }

    /**
     * @param activeKeyId   the key id new data is sealed with
     * @param base64ByKeyId each key id's 32-byte key, base64-encoded (e.g. {@code openssl rand -base64 32})
     */
    public static EncryptionKeys of(String activeKeyId, Map<String, String> base64ByKeyId) {
        return new EncryptionKeys(activeKeyId, base64ByKeyId.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> aesKey(e.getKey(), e.getValue()))));
    }

    String activeKeyId() {
        return activeKeyId;
    }

    SecretKey active() {
        return keys.get(activeKeyId);
    }

    Optional<SecretKey> byId(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    private static SecretKey aesKey(String keyId, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        } catch (IllegalArgumentException e) {
            // Never echo the value: it is key material.
            throw new IllegalArgumentException("key '" + keyId + "' is not valid base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("key '" + keyId + "' must be 32 bytes (AES-256), was " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    @Override
    public String toString() {
        return "EncryptionKeys[active=" + activeKeyId + ", ids=" + keys.keySet() + "]";
    }
}
