package io.crmbridge.action.holding;

import java.util.Optional;
import java.util.Set;

import io.crmbridge.crm.connection.Availability;
import io.crmbridge.crm.connection.ConnectionAvailability;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.connection.PauseReason;

/**
 * Which connections cannot write now, so their commands must wait (park) instead of failing: every connection that
 * crm-client's {@link ConnectionAvailability} does not call usable. The rule is that class's (the same one the
 * poller follows); this one only says it in the action-service's words for the parked command's header. The
 * action-service does not read {@code crm.connections} (a command names its connection, the grant carries the org
 * URL), so every connection counts as defined. Thread-safe.
 */
public final class ConnectionHolds {

    private final ConnectionAvailability availability = ConnectionAvailability.ofAnyConnection();

    /** What feeds the rule: connection events, grants, and this service's own refused tokens. */
    public ConnectionAvailability availability() {
        return availability;
    }

    public boolean isHeld(ConnectionId connection) {
        return !availability.of(connection).usable();
    }

    /** Why the connection is held, in words for the parked command's header; empty when it is not held. */
    public Optional<String> whyHeld(ConnectionId connection) {
        Availability now = availability.of(connection);
        if (now instanceof Availability.Paused paused) {
            return Optional.of(paused.reason() == PauseReason.TOKEN_REFUSED
                    ? "the token of connection " + connection + " was refused and no newer one came"
                    : "the token-service reported connection " + connection + " without a token");
        }
        if (now instanceof Availability.AwaitingFirstGrant) {
            return Optional.of("connection " + connection + " has never had an access token (not connected yet)");
        }
        return Optional.empty();
    }

    /** A write of the connection could not get a usable token: hold it until a newer token or event. */
    public void tokenRefused(ConnectionId connection) {
        availability.tokenRefused(connection);
    }

    /** The connections held for a token event or a refused token (not those that never had a grant). */
    public Set<ConnectionId> held() {
        return availability.pausedForToken();
    }
}
