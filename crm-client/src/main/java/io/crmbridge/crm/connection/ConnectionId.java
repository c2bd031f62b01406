package io.crmbridge.crm.connection;

import java.util.Objects;

/**
 * Id of a CRM connection (one Dataverse environment reached with one set of credentials), as the token-service
 * names it in {@code crm.connections}. Every per-connection structure of the client is keyed by it.
 */
public record ConnectionId(String value) {

    public ConnectionId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a connection id must not be blank");
        }
    }

    public static ConnectionId of(String value) {
        return new ConnectionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
