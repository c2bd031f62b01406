package io.crmbridge.action.holding;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.crmbridge.crm.connection.ConnectionId;

/**
 * Which connections cannot write now, so their commands must wait (park) instead of failing: those whose latest
 * connection event says they have no token (TOKEN_EXPIRED, DISCONNECTED), and those where a write found no usable
 * token and no newer one came in time. A connection is released by an event saying tokens work again
 * (RECONNECTED, CONNECTED, TOKEN_REFRESHED) or by a newer token grant. Where tokens come from the token-service's
 * grants, a connection that has never had one (a delegated connection nobody has connected yet) is held too, until
 * its first grant: its commands park at once instead of holding the loop for the token wait. Thread-safe: events
 * arrive on their own threads while the command loop asks.
 */
public final class ConnectionHolds {

    /** Why a connection is held. */
    public enum Reason {
        /** The token-service said so (TOKEN_EXPIRED or DISCONNECTED). */
        NO_TOKEN_EVENT,
        /** A write was refused for its token, and no newer one came within the wait. */
        TOKEN_REFUSED
    }

    private final Map<ConnectionId, Reason> held = new ConcurrentHashMap<>();
    private volatile Predicate<ConnectionId> hasGrant = connection -> true;

    public boolean isHeld(ConnectionId connection) {
        return held.containsKey(connection) || !hasGrant.test(connection);
    }

    /** Why the connection is held, in words for the parked command's header; empty when it is not held. */
    public Optional<String> whyHeld(ConnectionId connection) {
        Reason reason = held.get(connection);
        if (reason == Reason.NO_TOKEN_EVENT) {
            return Optional.of("the token-service reported connection " + connection + " without a token");
        }
        if (reason == Reason.TOKEN_REFUSED) {
            return Optional.of("the token of connection " + connection + " was refused and no newer one came");
        }
        return hasGrant.test(connection) ? Optional.empty()
                : Optional.of("connection " + connection + " has never had an access token (not connected yet)");
    }

    /** From now on a connection is held while {@code hasGrant} says the token-service has not granted it a token. */
    public void holdUngranted(Predicate<ConnectionId> hasGrant) {
        this.hasGrant = hasGrant;
    }

    /** The token-service reported the connection without a token: hold it. */
    public void tokenLost(ConnectionId connection) {
        held.put(connection, Reason.NO_TOKEN_EVENT);
    }

    /** A write of the connection could not get a usable token: hold it until a newer token or event. */
    public void tokenRefused(ConnectionId connection) {
        held.putIfAbsent(connection, Reason.TOKEN_REFUSED);
    }

    /** The token-service reported working tokens again: release the connection. */
    public void tokenRestored(ConnectionId connection) {
        held.remove(connection);
    }

    /** A newer token arrived: it releases a hold from a refused token, not one the token-service declared. */
    public void tokenRenewed(ConnectionId connection) {
        held.remove(connection, Reason.TOKEN_REFUSED);
    }

    /** The connections held for a token event or a refused token (not those that never had a grant). */
    public Set<ConnectionId> held() {
        return Set.copyOf(held.keySet());
    }
}
