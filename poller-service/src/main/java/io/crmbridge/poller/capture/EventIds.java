package io.crmbridge.poller.capture;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

import io.crmbridge.poller.subscription.SubscriptionKey;

/**
 * Deterministic event ids: a name-based UUID (version 5, SHA-1, RFC 9562) of connection, table, row and the row's
 * ETag (opaque text, reference §1.5), so a change captured again carries the same id and consumers can drop it.
 * A SNAPSHOT and an UPDATED of the same row at the same ETag are the same change and share the id. Deletions have no
 * version in Dataverse's delta; their id is that of "the row was deleted" (a row id is never reused in practice).
 */
public final class EventIds {

    /** The namespace of CRM Bridge change events (a fixed random UUID). */
    static final UUID NAMESPACE = UUID.fromString("6f1d7c1e-2b8a-4f5e-9c3d-0a7b5e4c2d19");
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(EventIds::sha1);

    private EventIds() {
    }

    public static String upserted(SubscriptionKey subscription, String recordId, String etag) {
        return nameUuid(subscription + "/" + recordId + "/" + etag).toString();
    }

    public static String deleted(SubscriptionKey subscription, String recordId) {
        return nameUuid(subscription + "/" + recordId + "/deleted").toString();
    }

    static UUID nameUuid(String name) {
        MessageDigest digest = SHA1.get();
        digest.reset();
        digest.update(ByteBuffer.allocate(16).putLong(NAMESPACE.getMostSignificantBits())
                .putLong(NAMESPACE.getLeastSignificantBits()).array());
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
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
