package io.crmbridge.action.command;

import java.util.Collections;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.crmbridge.crm.connection.ConnectionId;

/**
 * A write command as read from Kafka, before validation: field for field the contract's {@code WriteCommand},
 * in plain Java. Nothing in it has been checked yet except that it was well-formed Avro.
 *
 * @param target      null when the command has none
 * @param association null when the command has none
 * @param ifMatch     null for an unconditional write
 * @param sizeBytes   serialized size, for the oversize check
 */
public record Command(String commandId, ConnectionId connection, String entity, Operation operation, Target target,
                      Map<String, ColumnValue> attributes, Map<String, RecordReference> lookups,
                      Association association, String ifMatch, Instant requestedAt, Map<String, String> headers,
                      int sizeBytes) {

    /** Stands for a connectionId the producer left empty; validation rejects it. */
    public static final ConnectionId MISSING_CONNECTION = ConnectionId.of("(missing)");

    public Command {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(operation, "operation");
        // Keep the producer's order: it is the order the columns reach Dataverse in.
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        lookups = Collections.unmodifiableMap(new LinkedHashMap<>(lookups));
        headers = Map.copyOf(headers);
    }
}
