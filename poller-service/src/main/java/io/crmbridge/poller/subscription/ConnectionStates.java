package io.crmbridge.poller.subscription;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.crmbridge.crm.connection.ConnectionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the poller knows about each connection: its org URL and whether it may be polled. Fed by
 * {@code crm.connections} (defined, enabled), {@code crm.connection-events} (TOKEN_EXPIRED, RECONNECTED), new
 * access-token grants, and the poller's own 401s. Where tokens come from the token-service's grants, a connection
 * that has never had one (a delegated connection nobody has connected yet) is not polled until its first grant,
 * instead of holding its shard for the token wait. Thread-safe; listeners hear every change of status.
 */
public final class ConnectionStates {

    private static final Logger log = LoggerFactory.getLogger(ConnectionStates.class);

    private final Map<ConnectionId, Known> known = new ConcurrentHashMap<>();
    private final List<Consumer<ConnectionId>> listeners = new CopyOnWriteArrayList<>();
    private volatile Predicate<ConnectionId> hasGrant = connection -> true;

    private record Known(URI orgUrl, boolean enabled, ConnectionStatus pause) {
        ConnectionStatus status() {
            return !enabled ? ConnectionStatus.DISABLED : pause != null ? pause : ConnectionStatus.ACTIVE;
        }
    }

    /** A definition arrived (or was configured): the org URL and whether an operator enabled it. */
    public void defined(ConnectionId connection, URI orgUrl, boolean enabled) {
        update(connection, k -> new Known(orgUrl, enabled, k == null ? null : k.pause()));
    }

    /** TOKEN_EXPIRED: stop polling the connection; its checkpoints stay where they are. */
    public void tokenExpired(ConnectionId connection) {
        pause(connection, ConnectionStatus.TOKEN_EXPIRED);
    }

    /** Dataverse refused a renewed token too. */
    public void unauthorized(ConnectionId connection) {
        pause(connection, ConnectionStatus.UNAUTHORIZED);
    }

    /** RECONNECTED, or a grant newer than the one refused: resume from the checkpoints. */
    public void resumed(ConnectionId connection) {
        update(connection, k -> k == null ? new Known(null, false, null) : new Known(k.orgUrl(), k.enabled(), null));
    }

    /**
     * From now on a connection is polled only while {@code hasGrant} says the token-service has granted it a token;
     * the caller reports the first grant through {@link #resumed}, which tells the listeners.
     */
    public void pollOnlyGranted(Predicate<ConnectionId> hasGrant) {
        this.hasGrant = hasGrant;
    }

    public ConnectionStatus status(ConnectionId connection) {
        Known k = known.get(connection);
        if (k == null || k.orgUrl() == null) {
            return ConnectionStatus.UNKNOWN;
        }
        ConnectionStatus status = k.status();
        return status == ConnectionStatus.ACTIVE && !hasGrant.test(connection) ? ConnectionStatus.AWAITING_GRANT
                : status;
    }

    public Optional<URI> orgUrl(ConnectionId connection) {
        return Optional.ofNullable(known.get(connection)).map(Known::orgUrl);
    }

    /** {@code listener} hears the id of every connection whose status may have changed. */
    public void onChange(Consumer<ConnectionId> listener) {
        listeners.add(listener);
    }

    private void pause(ConnectionId connection, ConnectionStatus why) {
        update(connection, k -> k == null ? new Known(null, true, why) : new Known(k.orgUrl(), k.enabled(), why));
    }

    private void update(ConnectionId connection, java.util.function.UnaryOperator<Known> change) {
        ConnectionStatus before = status(connection);
        known.compute(connection, (id, k) -> change.apply(k));
        ConnectionStatus after = status(connection);
        if (before != after) {
            log.info("connection {} is now {} (was {})", connection, after, before);
        }
        listeners.forEach(l -> l.accept(connection));
    }
}
