package io.crmbridge.token.refresh;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.token.vault.VaultKey;
import io.crmbridge.token.vault.VaultState;

/**
 * Where the owner of a connection publishes what changed (port): events, the new grant and the vault state, all or
 * nothing, and only while it still owns the connection.
 */
public interface TokenUpdates {

    /**
     * Publishes {@code update} atomically.
     *
     * @throws OwnershipLost when this instance no longer owns the connection; nothing was published
     */
    void publish(Update update);

    /**
     * One atomic change of a connection.
     *
     * @param state          the vault state to keep; empty deletes it (the connection was removed)
     * @param withdrawGrant  delete the published grant (the connection was disabled or removed)
     * @param consumed       handovers taken over, to delete
     */
    record Update(ConnectionId connectionId, List<LifecycleEvent> events, Optional<Grant> grant,
                  Optional<VaultState> state, boolean withdrawGrant, List<VaultKey> consumed) {

        public Update {
            Objects.requireNonNull(connectionId, "connectionId");
            events = List.copyOf(events);
            Objects.requireNonNull(grant, "grant");
            Objects.requireNonNull(state, "state");
            consumed = List.copyOf(consumed);
        }
    }
}
