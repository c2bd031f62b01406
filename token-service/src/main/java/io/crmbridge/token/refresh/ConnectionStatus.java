package io.crmbridge.token.refresh;

import java.time.Instant;
import java.util.Optional;

import io.crmbridge.token.connection.Connection;
import io.crmbridge.token.connection.ConnectionState;
import io.crmbridge.token.vault.VaultState;

/** How a connection owned by this instance stands right now, for the page, the API and metrics. */
public record ConnectionStatus(Connection connection, ConnectionState state, long generation,
                               Optional<Instant> accessTokenExpiresAt, Optional<VaultState.LastError> lastError,
                               Optional<Instant> nextAttemptAt) {
}
