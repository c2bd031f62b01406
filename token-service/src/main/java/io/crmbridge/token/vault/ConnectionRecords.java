package io.crmbridge.token.vault;

import java.util.Optional;

import io.crmbridge.token.connection.Connection;

/**
 * Connection definitions, without their credential, as the connections topic's contract (port; the Avro mapping
 * lives in {@code events/}).
 */
public interface ConnectionRecords {

    /** The value to write for {@code connection}'s public definition. */
    Object toRecord(Connection connection);

    /** The definition in a non-null value read from {@code topic}; empty when this service cannot use it. */
    Optional<Connection> connection(String topic, byte[] value);
}
