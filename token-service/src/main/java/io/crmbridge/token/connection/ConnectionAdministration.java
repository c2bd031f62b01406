package io.crmbridge.token.connection;

import io.crmbridge.crm.connection.ConnectionId;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import io.crmbridge.token.connection.ConnectionValidation.Validated;

/**
 * What operators do with definitions (use case): create, update, delete, disable, enable. Connections defined in
 * the service's YAML are managed there: the API refuses to change them, so a restart cannot silently undo an API
 * change.
 */
public final class ConnectionAdministration {

    private final Connections connections;
    private final Set<ConnectionId> configured;
    private final Clock clock;

    public ConnectionAdministration(Connections connections, List<Connection> configured, Clock clock) {
        this.connections = connections;
        this.configured = configured.stream().map(Connection::id).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
    }

    /** Publishes the configured definitions that the shared view lacks or holds differently. */
    public void publishConfigured(List<Connection> definitions) {
        for (Connection connection : definitions) {
            if (!connection.sameAs(connections.find(connection.id()).orElse(null))) {
                connections.save(connection);
            }
        }
    }

    public boolean configured(ConnectionId id) {
        return configured.contains(id);
    }

    public Outcome create(ConnectionDraft draft) {
        Validated validated = ConnectionValidation.validate(draft, clock.instant());
        if (validated instanceof Validated.Invalid invalid) {
            return new Outcome.Refused(invalid.problems());
        }
        Connection connection = ((Validated.Valid) validated).connection();
        if (configured(connection.id()) || connections.find(connection.id()).isPresent()) {
            return new Outcome.Conflict("connection " + connection.id() + " already exists");
        }
        connections.save(connection);
        return new Outcome.Done(Optional.of(connection));
    }

    public Outcome update(ConnectionId id, ConnectionDraft draft) {
        if (draft.id() != null && !draft.id().equals(id.value())) {
            return new Outcome.Refused(List.of("id in the body (" + draft.id() + ") differs from the id in the path"));
        }
        Optional<Outcome> refusal = changeable(id);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        ConnectionDraft withId = new ConnectionDraft(id.value(), draft.displayName(), draft.orgUrl(),
                draft.authority(), draft.authorityType(), draft.authKind(), draft.clientId(), draft.scopes(),
                draft.clientSecret(), draft.clientSecretExpiresAt(), draft.certificate(), draft.certificatePassword(),
                draft.enabled());
        Validated validated = ConnectionValidation.validate(withId, clock.instant());
        if (validated instanceof Validated.Invalid invalid) {
            return new Outcome.Refused(invalid.problems());
        }
        Connection connection = ((Validated.Valid) validated).connection();
        connections.save(connection);
        return new Outcome.Done(Optional.of(connection));
    }

    public Outcome delete(ConnectionId id) {
        Optional<Outcome> refusal = changeable(id);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        connections.delete(id);
        return new Outcome.Done(Optional.empty());
    }

    public Outcome disable(ConnectionId id) {
        return change(id, c -> c.withEnabled(false, clock.instant()));
    }

    public Outcome enable(ConnectionId id) {
        return change(id, c -> c.withEnabled(true, clock.instant()));
    }

    private Outcome change(ConnectionId id, UnaryOperator<Connection> change) {
        Optional<Outcome> refusal = changeable(id);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Connection changed = change.apply(connections.find(id).orElseThrow());
        connections.save(changed);
        return new Outcome.Done(Optional.of(changed));
    }

    private Optional<Outcome> changeable(ConnectionId id) {
        if (configured(id)) {
            return Optional.of(new Outcome.Conflict("connection " + id + " is defined in the service configuration "
                    + "(crmbridge.token.connections); change it there"));
        }
        if (connections.find(id).isEmpty()) {
            return Optional.of(new Outcome.NotFound(id));
        }
        return Optional.empty();
    }

    /** What an administrative request came to. */
    public sealed interface Outcome permits Outcome.Done, Outcome.Refused, Outcome.NotFound, Outcome.Conflict {

        /** Done; the definition as saved (empty after a delete). */
        record Done(Optional<Connection> connection) implements Outcome {
        }

        /** The definition is invalid; every problem is listed. */
        record Refused(List<String> problems) implements Outcome {
        }

        record NotFound(ConnectionId id) implements Outcome {
        }

        /** The request contradicts what exists (a duplicate id, a YAML-managed connection). */
        record Conflict(String reason) implements Outcome {
        }
    }
}
