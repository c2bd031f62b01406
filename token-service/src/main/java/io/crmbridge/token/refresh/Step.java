package io.crmbridge.token.refresh;

import java.util.List;

import io.crmbridge.token.vault.VaultKey;

/** The next thing to do for a connection, chosen by {@link TrackedConnection#claim}. */
sealed interface Step permits Step.Remove, Step.Disable, Step.Outlive, Step.Attempt {

    /** The definition was deleted: DISCONNECTED, forget the state, withdraw the grant. */
    record Remove() implements Step {
    }

    /** The definition was disabled: DISCONNECTED, DISABLED, withdraw the grant. */
    record Disable() implements Step {
    }

    /** The access token of a DEGRADED connection ran out. */
    record Outlive() implements Step {
    }

    /**
     * Ask the identity provider for a token.
     *
     * @param force    bypass a usable cached access token
     * @param signIn   a person just signed in (the cache was replaced)
     * @param consumed handovers this attempt takes over
     */
    record Attempt(boolean force, boolean signIn, List<VaultKey> consumed) implements Step {
    }
}
