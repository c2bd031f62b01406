package io.crmbridge.action.command;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The id a CREATE without {@code target.id} gives its row: a name-based UUID version 5 (RFC 9562: SHA-1 of a
 * namespace and the name) of the commandId. A redelivered command derives the same id, so the second attempt meets
 * "duplicate record" instead of creating a second row. Producers can compute it too.
 */
public final class DeterministicIds {

    /** The CRM Bridge namespace for write-command ids (a fixed random UUID). */
    public static final UUID NAMESPACE = UUID.fromString("6f1c2a4e-93b5-4d0e-9a7c-2f7e5b8d1c30");

    private DeterministicIds() {
    }

    public static UUID forCommand(String commandId) {
        MessageDigest sha1 = sha1();
        sha1.update(ByteBuffer.allocate(16).putLong(NAMESPACE.getMostSignificantBits())
                .putLong(NAMESPACE.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(commandId.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
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
