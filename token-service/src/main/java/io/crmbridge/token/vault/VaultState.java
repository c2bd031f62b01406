package io.crmbridge.token.vault;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.token.connection.ConnectionState;

/**
 * What the owner of a connection keeps in the vault, so that a restart or a new owner continues without a
 * reconnect and without repeating events.
 *
 * @param msalCache            MSAL's serialized token cache (accounts, refresh token, access token)
 * @param generation           generation of the last published access-token grant; the next one is higher
 * @param accessTokenExpiresAt expiry of the last published access token
 * @param refreshTokenUsedAt   when the refresh token was last used or issued (its inactivity window runs from here)
 * @param episodeId            the outage in progress (first failure to recovery), if any
 * @param lastError            the last failure, for the status page and the next event
 * @param warnings             credential expiries already warned about ({@code CREDENTIAL_EXPIRING} once each)
 */
public record VaultState(ConnectionId connectionId, ConnectionState state, Optional<String> msalCache, long generation,
                         Optional<Instant> accessTokenExpiresAt, Optional<Instant> refreshTokenUsedAt,
                         Optional<String> episodeId, Optional<LastError> lastError, Set<String> warnings,
                         Instant savedAt) {

    public VaultState {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(msalCache, "msalCache");
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        Objects.requireNonNull(refreshTokenUsedAt, "refreshTokenUsedAt");
        Objects.requireNonNull(episodeId, "episodeId");
        Objects.requireNonNull(lastError, "lastError");
        warnings = Set.copyOf(warnings);
        Objects.requireNonNull(savedAt, "savedAt");
    }

    /** A connection the vault knows nothing about yet. */
    public static VaultState initial(ConnectionId id, Instant now) {
        return new VaultState(id, ConnectionState.PENDING_CONSENT, Optional.empty(), 0, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), now);
    }

    @Override
    public String toString() {
        // The cache holds the refresh token: never print it.
        return "VaultState[" + connectionId + ", " + state + ", generation " + generation + "]";
    }

    /**
     * The last failure of a connection.
     *
     * @param reasonCode   AADSTS/MSIS code or OAuth error, e.g. AADSTS700082
     * @param message      the provider's description, cleaned of trace ids (never a secret)
     * @param needsPerson  whether only a person can fix it (reconnect, configuration)
     */
    public record LastError(String reasonCode, String message, boolean needsPerson, Instant at) {
    }
}
