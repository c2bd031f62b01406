package io.crmbridge.token.refresh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.crmbridge.token.vault.VaultState;

/**
 * What one step of a connection's lifecycle decided: its next state (empty: forget it), what to publish and when
 * to act again.
 *
 * @param dueAt    when to refresh or retry next; empty: only a person or a definition change moves it on
 * @param failures transient failures in a row, for the backoff
 */
record Decision(Optional<VaultState> next, List<LifecycleEvent> events, Optional<Grant> grant, boolean withdrawGrant,
                Optional<Instant> dueAt, int failures) {

    Decision {
        events = List.copyOf(events);
    }

    Decision plus(List<LifecycleEvent> more, VaultState withWarnings) {
        List<LifecycleEvent> all = new ArrayList<>(events);
        all.addAll(more);
        return new Decision(Optional.of(withWarnings), all, grant, withdrawGrant, dueAt, failures);
    }
}
