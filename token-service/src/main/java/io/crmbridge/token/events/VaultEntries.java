package io.crmbridge.token.events;

import java.nio.ByteBuffer;
import java.time.Instant;

import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.events.VaultEntry;
import io.crmbridge.crm.connection.ConnectionId;

/** Sealed vault records as the {@code VaultEntry} contract. */
final class VaultEntries {

    private VaultEntries() {
    }

    static VaultEntry toAvro(ConnectionId id, TokenCipher.Sealed sealed, Instant savedAt) {
        return VaultEntry.newBuilder()
                .setConnectionId(id.value())
                .setKeyId(sealed.keyId())
                .setNonce(ByteBuffer.wrap(sealed.nonce()))
                .setCiphertext(ByteBuffer.wrap(sealed.ciphertext()))
                .setSavedAt(savedAt)
                .build();
    }

    static TokenCipher.Sealed sealed(VaultEntry entry) {
        return new TokenCipher.Sealed(entry.getKeyId(), bytes(entry.getNonce()), bytes(entry.getCiphertext()));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
