package io.crmbridge.poller.subscription;

/** Whether a connection's subscriptions may be polled now. */
public enum ConnectionStatus {
    /** No definition seen on {@code crm.connections} (nor in configuration) yet. */
    UNKNOWN,
    /** Switched off by an operator ({@code ConnectionDefinition.enabled = false}). */
    DISABLED,
    /** Polled. */
    ACTIVE,
    /** Has never had an access token (a delegated connection nobody has connected yet): polled from its first grant. */
    AWAITING_GRANT,
    /** The token-service published TOKEN_EXPIRED: paused, checkpoints kept, until RECONNECTED. */
    TOKEN_EXPIRED,
    /** The token-service published DISCONNECTED: paused, checkpoints kept, until CONNECTED or RECONNECTED. */
    DISCONNECTED,
    /** Dataverse refused even a renewed token: paused until a newer grant arrives. */
    UNAUTHORIZED,
    /** The definition was deleted from {@code crm.connections}: paused, checkpoints kept, until defined again. */
    DELETED;

    public boolean pollable() {
        return this == ACTIVE;
    }
}
