package io.crmbridge.crm.connection;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one answer to "may this connection be used now?", for every service that sends requests with a connection's
 * token (the poller reads, the action-service writes). Plain Java, thread-safe: definitions, connection events and
 * grants arrive on their own threads while pollers and command loops ask. Listeners hear the id of every connection
 * whose answer may have changed.
 *
 * <p>What each input does:
 * <table>
 *   <caption>inputs</caption>
 *   <tr><th>input</th><th>effect</th></tr>
 *   <tr><td>{@link #defined} enabled / disabled</td><td>known; DISABLED pause set or cleared</td></tr>
 *   <tr><td>{@link #deleted} (tombstone on {@code crm.connections})</td><td>DELETED pause until defined again</td></tr>
 *   <tr><td>{@link #tokenExpired} (TOKEN_EXPIRED)</td><td>TOKEN_EXPIRED pause</td></tr>
 *   <tr><td>{@link #disconnected} (DISCONNECTED)</td><td>DISCONNECTED pause</td></tr>
 *   <tr><td>{@link #tokenWorks} (CONNECTED, RECONNECTED, TOKEN_REFRESHED)</td>
 *       <td>ends a TOKEN_EXPIRED, DISCONNECTED or TOKEN_REFUSED pause</td></tr>
 *   <tr><td>{@link #tokenRefused} (401 after a renewal was asked for)</td>
 *       <td>TOKEN_REFUSED pause, unless a pause the token-service declared is already in place</td></tr>
 *   <tr><td>{@link #grantArrived} (a newer access-token grant)</td><td>ends a TOKEN_REFUSED pause only</td></tr>
 *   <tr><td>other events (REFRESH_FAILED, CREDENTIAL_EXPIRING, ...)</td><td>nothing: the current token still works</td></tr>
 * </table>
 *
 * <p>The answer, first rule that applies: no definition read (where definitions are followed) → {@link
 * Availability.Unknown}; deleted or disabled → {@link Availability.Paused}; a token pause → {@link
 * Availability.Paused}; tokens come from grants and none is held → {@link Availability.AwaitingFirstGrant}; else
 * {@link Availability.Usable}.
 *
 * <p>Why these rules:
 * <ul>
 *   <li>DISCONNECTED is not usable: the token-service has dropped the connection's credentials, so the token a
 *       reader may still hold will not be renewed and may already be revoked; requests would fail one by one (and
 *       a poller would burn its retries) instead of waiting for a reconnect.</li>
 *   <li>A deleted connection is not usable: nobody owns its credentials any more; its position (checkpoints,
 *       parked commands) is kept, so re-creating the id resumes where it stopped instead of starting over.</li>
 *   <li>A pause the token-service declared (TOKEN_EXPIRED, DISCONNECTED) ends only with the token-service's word
 *       (CONNECTED, RECONNECTED, TOKEN_REFRESHED): grants and events travel on different topics, so a grant read
 *       after TOKEN_EXPIRED may be older than it. A pause a reader found itself (a refused token) ends with the next
 *       grant, which is exactly what it waited for.</li>
 * </ul>
 */
public final class ConnectionAvailability {

    private static final Logger log = LoggerFactory.getLogger(ConnectionAvailability.class);

    private final boolean definitionsFollowed;
    private final Map<ConnectionId, State> states = new ConcurrentHashMap<>();
    private final List<Consumer<ConnectionId>> listeners = new CopyOnWriteArrayList<>();
    private volatile Predicate<ConnectionId> hasGrant = connection -> true;

    private ConnectionAvailability(boolean definitionsFollowed) {
        this.definitionsFollowed = definitionsFollowed;
    }

    /** For a reader of {@code crm.connections}: a connection is {@link Availability.Unknown} until it is defined. */
    public static ConnectionAvailability ofDefinedConnections() {
        return new ConnectionAvailability(true);
    }

    /**
     * For a service that does not read {@code crm.connections} (the action-service: a command names its connection,
     * the grant carries the org URL): every connection counts as defined and enabled.
     */
    public static ConnectionAvailability ofAnyConnection() {
        return new ConnectionAvailability(false);
    }

    private record State(Definition definition, PauseReason tokenPause) {

        static final State NEW = new State(Definition.UNSEEN, null);

        State with(Definition changed) {
            return new State(changed, tokenPause);
        }

        State with(PauseReason pause) {
            return new State(definition, pause);
        }
    }

    private enum Definition { UNSEEN, ENABLED, DISABLED, DELETED }

    public Availability of(ConnectionId connection) {
        State state = states.getOrDefault(connection, State.NEW);
        Definition definition = definitionsFollowed ? state.definition() : Definition.ENABLED;
        if (definition == Definition.UNSEEN) {
            return Availability.UNKNOWN;
        }
        if (definition == Definition.DELETED) {
            return new Availability.Paused(PauseReason.DELETED);
        }
        if (definition == Definition.DISABLED) {
            return new Availability.Paused(PauseReason.DISABLED);
        }
        if (state.tokenPause() != null) {
            return new Availability.Paused(state.tokenPause());
        }
        return hasGrant.test(connection) ? Availability.USABLE : Availability.AWAITING_FIRST_GRANT;
    }

    /** The connections paused for their token (declared by the token-service or refused), not for a definition. */
    public Set<ConnectionId> pausedForToken() {
        return states.entrySet().stream().filter(e -> e.getValue().tokenPause() != null).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * From now on tokens come from the token-service's grants: a connection without one is {@link
     * Availability.AwaitingFirstGrant}. The caller reports each newer grant through {@link #grantArrived}.
     */
    public void requireGrants(Predicate<ConnectionId> hasGrant) {
        this.hasGrant = hasGrant;
        listeners.forEach(listener -> states.keySet().forEach(listener));
    }

    /** {@code listener} hears the id of every connection whose availability may have changed. */
    public void onChange(Consumer<ConnectionId> listener) {
        listeners.add(listener);
    }

    /** A definition was read (or configured). */
    public void defined(ConnectionId connection, boolean enabled) {
        update(connection, s -> s.with(enabled ? Definition.ENABLED : Definition.DISABLED));
    }

    /** The definition was deleted. */
    public void deleted(ConnectionId connection) {
        update(connection, s -> s.with(Definition.DELETED));
    }

    /** TOKEN_EXPIRED. */
    public void tokenExpired(ConnectionId connection) {
        update(connection, s -> s.with(PauseReason.TOKEN_EXPIRED));
    }

    /** DISCONNECTED. */
    public void disconnected(ConnectionId connection) {
        update(connection, s -> s.with(PauseReason.DISCONNECTED));
    }

    /** CONNECTED, RECONNECTED or TOKEN_REFRESHED: the token-service has a working token again. */
    public void tokenWorks(ConnectionId connection) {
        update(connection, s -> s.with((PauseReason) null));
    }

    /** Dataverse refused the connection's token, and no newer one came while the request waited. */
    public void tokenRefused(ConnectionId connection) {
        update(connection, s -> s.tokenPause() == null ? s.with(PauseReason.TOKEN_REFUSED) : s);
    }

    /** A newer access-token grant was read. */
    public void grantArrived(ConnectionId connection) {
        update(connection, s -> s.tokenPause() == PauseReason.TOKEN_REFUSED ? s.with((PauseReason) null) : s);
    }

    private void update(ConnectionId connection, UnaryOperator<State> change) {
        Availability before = of(connection);
        states.compute(connection, (id, state) -> change.apply(state == null ? State.NEW : state));
        Availability after = of(connection);
        if (!after.equals(before)) {
            log.info("connection {} is now {} (was {})", connection, after, before);
        }
        listeners.forEach(listener -> listener.accept(connection));
    }
}
