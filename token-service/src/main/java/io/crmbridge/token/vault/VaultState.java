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

    /** Now in {@code next} (the rest unchanged). */
    public VaultState withState(ConnectionState next) {
        return new VaultState(connectionId, next, msalCache, generation, accessTokenExpiresAt, refreshTokenUsedAt,
                episodeId, lastError, warnings, savedAt);
    }

    /** Holding MSAL's cache as serialized now. */
    public VaultState withMsalCache(Optional<String> cache) {
        return new VaultState(connectionId, state, cache, generation, accessTokenExpiresAt, refreshTokenUsedAt,
                episodeId, lastError, warnings, savedAt);
    }

    /** Having published grant {@code next} of an access token valid until {@code expiresAt}. */
    public VaultState withGrant(long next, Instant expiresAt) {
        return new VaultState(connectionId, state, msalCache, next, Optional.of(expiresAt), refreshTokenUsedAt,
                episodeId, lastError, warnings, savedAt);
    }

    /** With the refresh token last used at {@code at} (empty: the kind uses none). */
    public VaultState withRefreshTokenUsedAt(Optional<Instant> at) {
        return new VaultState(connectionId, state, msalCache, generation, accessTokenExpiresAt, at, episodeId,
                lastError, warnings, savedAt);
    }

    /** Within the outage {@code episode}. */
    public VaultState inEpisode(String episode) {
        return new VaultState(connectionId, state, msalCache, generation, accessTokenExpiresAt, refreshTokenUsedAt,
                Optional.of(episode), lastError, warnings, savedAt);
    }

    /** Having last failed with {@code error}. */
    public VaultState failedWith(LastError error) {
        return new VaultState(connectionId, state, msalCache, generation, accessTokenExpiresAt, refreshTokenUsedAt,
                episodeId, Optional.of(error), warnings, savedAt);
    }

    /** Out of any outage: no episode in progress and no last failure. */
    public VaultState recovered() {
        return new VaultState(connectionId, state, msalCache, generation, accessTokenExpiresAt, refreshTokenUsedAt,
                Optional.empty(), Optional.empty(), warnings, savedAt);
    }

    /** Having warned about {@code warned} (see {@code warnings}). */
    public VaultState withWarnings(Set<String> warned) {
        return new VaultState(connectionId, state, msalCache, generation, accessTokenExpiresAt, refreshTokenUsedAt,
                episodeId, lastError, warned, savedAt);
    }

    /** Saved at {@code at}. */
    public VaultState savedAt(Instant at) {
        return new VaultState(connectionId, state, msalCache, generation, accessTokenExpiresAt, refreshTokenUsedAt,
                episodeId, lastError, warnings, at);
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
