package io.crmbridge.token.vault;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.crmbridge.crm.connection.ConnectionId;

/**
 * Work done for a connection on an instance that does not own it, for the owner to take over: a sign-in (the token
 * cache it produced) or a request to try again (after a configuration fix).
 *
 * @param msalCache the token cache of a sign-in; empty for a retry
 * @param signedInAs who signed in (the account's username), for the log and the event message
 */
public record Handover(ConnectionId connectionId, Optional<String> msalCache, Optional<String> signedInAs,
                       Instant at) {

    public Handover {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(msalCache, "msalCache");
        Objects.requireNonNull(signedInAs, "signedInAs");
        Objects.requireNonNull(at, "at");
    }

    public static Handover retry(ConnectionId id, Instant at) {
        return new Handover(id, Optional.empty(), Optional.empty(), at);
    }

    @Override
    public String toString() {
        return "Handover[" + connectionId + ", " + (msalCache.isPresent() ? "sign-in" : "retry") + "]";
    }
}
