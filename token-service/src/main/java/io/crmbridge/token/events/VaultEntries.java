package io.crmbridge.token.events;

import java.nio.ByteBuffer;
import java.time.Instant;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.events.VaultEntry;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.token.vault.VaultRecords;

/** Sealed vault records as the {@code VaultEntry} contract. */
public final class VaultEntries implements VaultRecords {

    private final AvroDeserializer<VaultEntry> reader;

    public VaultEntries(AvroDeserializer<VaultEntry> reader) {
        this.reader = reader;
    }

    @Override
    public VaultEntry toRecord(ConnectionId id, TokenCipher.Sealed sealed, Instant savedAt) {
        return VaultEntry.newBuilder()
                .setConnectionId(id.value())
                .setKeyId(sealed.keyId())
                .setNonce(ByteBuffer.wrap(sealed.nonce()))
                .setCiphertext(ByteBuffer.wrap(sealed.ciphertext()))
                .setSavedAt(savedAt)
                .build();
    }

    @Override
    public TokenCipher.Sealed sealed(String topic, byte[] value) {
        VaultEntry entry = reader.deserialize(topic, value);
        return new TokenCipher.Sealed(entry.getKeyId(), bytes(entry.getNonce()), bytes(entry.getCiphertext()));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
