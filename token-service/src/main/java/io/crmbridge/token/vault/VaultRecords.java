package io.crmbridge.token.vault;

import java.time.Instant;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.token.TokenCipher;

/** Sealed vault records as the vault topic's contract (port; the Avro mapping lives in {@code events/}). */
public interface VaultRecords {

    /** The value to write for {@code sealed}, saved at {@code savedAt}. */
    Object toRecord(ConnectionId id, TokenCipher.Sealed sealed, Instant savedAt);

    /** The sealed content of a non-null value read from {@code topic}. */
    TokenCipher.Sealed sealed(String topic, byte[] value);
}
