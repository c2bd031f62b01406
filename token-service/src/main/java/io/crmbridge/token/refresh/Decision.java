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

    /** A token was issued: publish {@code grant} with {@code event}, refresh again at {@code dueAt}. */
    static Decision issued(VaultState next, LifecycleEvent event, Grant grant, Instant dueAt) {
        return new Decision(Optional.of(next), List.of(event), Optional.of(grant), false, Optional.of(dueAt), 0);
    }

    /** A transient failure, the {@code failures}-th in a row: retry at {@code retryAt}. */
    static Decision retrying(VaultState next, List<LifecycleEvent> events, Instant retryAt, int failures) {
        return new Decision(Optional.of(next), events, Optional.empty(), false, Optional.of(retryAt), failures);
    }

    /** Only a person (a sign-in, a configuration change) moves the connection on. */
    static Decision waitingForPerson(VaultState next, List<LifecycleEvent> events) {
        return new Decision(Optional.of(next), events, Optional.empty(), false, Optional.empty(), 0);
    }

    /** Disabled by an operator: the grant is withdrawn and nothing is due. */
    static Decision disabled(VaultState next, LifecycleEvent event) {
        return new Decision(Optional.of(next), List.of(event), Optional.empty(), true, Optional.empty(), 0);
    }

    /** Removed by an operator: the grant is withdrawn and the connection forgotten. */
    static Decision forgotten(LifecycleEvent event) {
        return new Decision(Optional.empty(), List.of(event), Optional.empty(), true, Optional.empty(), 0);
    }

    /** The same decision, keeping {@code state} instead (e.g. with the cache as it is after the step). */
    Decision withNext(Optional<VaultState> state) {
        return new Decision(state, events, grant, withdrawGrant, dueAt, failures);
    }

    Decision plus(List<LifecycleEvent> more, VaultState withWarnings) {
        List<LifecycleEvent> all = new ArrayList<>(events);
        all.addAll(more);
        return new Decision(Optional.of(withWarnings), all, grant, withdrawGrant, dueAt, failures);
    }
}
