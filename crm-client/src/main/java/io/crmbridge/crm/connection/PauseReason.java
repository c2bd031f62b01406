package io.crmbridge.crm.connection;

/** Why a known connection may not be used now; each ends as {@link ConnectionAvailability} describes. */
public enum PauseReason {
    /** An operator disabled the connection's definition; a definition with {@code enabled=true} ends it. */
    DISABLED,
    /** The definition was deleted (tombstone on {@code crm.connections}); a new definition of the id ends it. */
    DELETED,
    /** The token-service published TOKEN_EXPIRED: its refresh token can no longer be used. */
    TOKEN_EXPIRED,
    /** The token-service published DISCONNECTED: the connection's credentials were removed. */
    DISCONNECTED,
    /** Dataverse refused the connection's token even after a renewal was asked for. */
    TOKEN_REFUSED
}
