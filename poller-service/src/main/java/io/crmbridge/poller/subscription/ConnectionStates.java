package io.crmbridge.poller.subscription;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.crmbridge.crm.connection.Availability;
import io.crmbridge.crm.connection.ConnectionAvailability;
import io.crmbridge.crm.connection.ConnectionId;

/**
 * What the poller knows about each connection: its org URL and whether it may be polled. Whether it may is decided
 * by crm-client's {@link ConnectionAvailability} (the same rule the action-service follows), fed by
 * {@code crm.connections}, {@code crm.connection-events}, the access-token grants and the poller's own 401s; this
 * class adds the org URLs (from the definitions or configuration) and says the answer as a {@link ConnectionStatus}.
 * Thread-safe; listeners hear every connection whose status may have changed.
 */
public final class ConnectionStates {

    private final ConnectionAvailability availability = ConnectionAvailability.ofDefinedConnections();
    private final Map<ConnectionId, URI> orgUrls = new ConcurrentHashMap<>();

    /** What feeds the rule: definitions, connection events and grants. */
    public ConnectionAvailability availability() {
        return availability;
    }

    /** A definition was configured: the org URL and whether it is enabled. */
    public void defined(ConnectionId connection, URI orgUrl, boolean enabled) {
        knowOrgUrl(connection, orgUrl);
        availability.defined(connection, enabled);
    }

    /** A definition read from {@code crm.connections} names the org URL (its availability is fed separately). */
    public void knowOrgUrl(ConnectionId connection, URI orgUrl) {
        orgUrls.put(connection, orgUrl);
    }

    /** Dataverse refused even a renewed token: paused until a newer grant. */
    public void unauthorized(ConnectionId connection) {
        availability.tokenRefused(connection);
    }

    public ConnectionStatus status(ConnectionId connection) {
        if (!orgUrls.containsKey(connection)) {
            return ConnectionStatus.UNKNOWN;
        }
        Availability now = availability.of(connection);
        if (now instanceof Availability.Paused paused) {
            return switch (paused.reason()) {
                case DISABLED -> ConnectionStatus.DISABLED;
                case DELETED -> ConnectionStatus.DELETED;
                case TOKEN_EXPIRED -> ConnectionStatus.TOKEN_EXPIRED;
                case DISCONNECTED -> ConnectionStatus.DISCONNECTED;
                case TOKEN_REFUSED -> ConnectionStatus.UNAUTHORIZED;
            };
        }
        if (now instanceof Availability.AwaitingFirstGrant) {
            return ConnectionStatus.AWAITING_GRANT;
        }
        return now.usable() ? ConnectionStatus.ACTIVE : ConnectionStatus.UNKNOWN;
    }

    public Optional<URI> orgUrl(ConnectionId connection) {
        return Optional.ofNullable(orgUrls.get(connection));
    }

    /** {@code listener} hears the id of every connection whose status may have changed. */
    public void onChange(Consumer<ConnectionId> listener) {
        availability.onChange(listener);
    }

}
