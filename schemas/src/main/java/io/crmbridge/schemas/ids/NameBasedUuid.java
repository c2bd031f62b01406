package io.crmbridge.schemas.ids;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based UUIDs, version 5 (RFC 9562 §5.5: SHA-1 of a namespace and a name). The contracts' deterministic ids
 * (event ids, the row id of a CREATE without a target id) are such UUIDs, so any producer or consumer can derive
 * them from the same namespace and name.
 */
public final class NameBasedUuid {

    // A digest per thread: ids are derived for every captured row, and MessageDigest is not thread-safe.
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(NameBasedUuid::sha1);

    private NameBasedUuid() {
    }

    /** The version 5 UUID of {@code name} (UTF-8) in {@code namespace}. */
    public static UUID v5(UUID namespace, String name) {
        MessageDigest digest = SHA1.get();
        digest.reset();
        digest.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] hash = digest.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
