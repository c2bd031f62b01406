package io.crmbridge.poller.subscription;

import java.util.Objects;

import io.crmbridge.crm.connection.ConnectionId;

/**
 * One table of one connection: the unit that is polled, owned by one instance and checkpointed. Its text form
 * {@code connectionId:entity} is the key of {@code crm.poller-checkpoints}.
 */
public record SubscriptionKey(ConnectionId connection, String entity) {

    public SubscriptionKey {
        Objects.requireNonNull(connection, "connection");
        if (entity == null || !entity.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a table logical name: " + entity);
        }
    }

    public static SubscriptionKey of(String connection, String entity) {
        return new SubscriptionKey(ConnectionId.of(connection), entity);
    }

    /** Reads {@code connectionId:entity}; the connection id may itself contain colons, the entity may not. */
    public static SubscriptionKey parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a subscription key (connectionId:entity): " + text);
        }
        return of(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return connection.value() + ":" + entity;
    }
}
