package io.crmbridge.token.connection;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a connection's credentials stand. PENDING_CONSENT → ACTIVE ⇄ DEGRADED → EXPIRED → ACTIVE; any state →
 * DISABLED and back to PENDING_CONSENT (which re-tries what the vault holds).
 */
public enum ConnectionState {
    /** Configured; waiting for a first token (a person to sign in, or the first client-credentials call). */
    PENDING_CONSENT,
    /** Tokens are issued normally. */
    ACTIVE,
    /** Refreshes fail for a transient reason while the current access token is still valid. */
    DEGRADED,
    /** No usable token: a person must reconnect or fix the configuration, or the outage outlived the token. */
    EXPIRED,
    /** Switched off by an operator. */
    DISABLED;

    /** Whether a connection in this state may move to {@code next}. */
    public boolean canBecome(ConnectionState next) {
        return next == DISABLED || successors().contains(next);
    }

    private Set<ConnectionState> successors() {
        return switch (this) {
            case PENDING_CONSENT -> EnumSet.of(PENDING_CONSENT, ACTIVE, EXPIRED);
            case ACTIVE -> EnumSet.of(ACTIVE, DEGRADED, EXPIRED);
            case DEGRADED -> EnumSet.of(ACTIVE, DEGRADED, EXPIRED);
            case EXPIRED -> EnumSet.of(ACTIVE, EXPIRED);
            case DISABLED -> EnumSet.of(PENDING_CONSENT);
        };
    }

    /** Whether the connection holds an access token that others may use. */
    public boolean issuing() {
        return this == ACTIVE || this == DEGRADED;
    }
}
