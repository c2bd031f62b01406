package io.crmbridge.token.refresh;

import java.time.Instant;
import java.util.Optional;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.token.connection.ConnectionState;

/**
 * What the owner of each connection last published about it, known on every instance (port): the page and the API
 * show connections owned elsewhere from it.
 */
public interface LastKnownStatuses {

    Optional<Reported> of(ConnectionId id);

    /**
     * A connection as its last events describe it.
     *
     * @param reasonCode the reason of the last failure, cleared by the next success
     * @param reportedBy the instance that published the last event
     */
    record Reported(ConnectionState state, Optional<Instant> accessTokenExpiresAt, Optional<String> reasonCode,
                    Optional<String> message, Instant at, String reportedBy) {
    }
}
