package io.crmbridge.action.holding;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.crm.connection.ConnectionId;

/**
 * Which connections cannot write now, so their commands must wait (park) instead of failing: those whose latest
 * connection event says they have no token (TOKEN_EXPIRED, DISCONNECTED), and those where a write found no usable
 * token and no newer one came in time. A connection is released by an event saying tokens work again
 * (RECONNECTED, CONNECTED, TOKEN_REFRESHED) or by a newer token grant. Thread-safe: events arrive on their own
 * threads while the command loop asks.
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

    public boolean isHeld(ConnectionId connection) {
        return held.containsKey(connection);
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

    public Set<ConnectionId> held() {
        return Set.copyOf(held.keySet());
    }
}
