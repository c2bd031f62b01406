package io.crmbridge.token.events;

import java.util.UUID;

import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.token.connection.ConnectionState;
import io.crmbridge.token.refresh.LifecycleEvent;

/** Lifecycle events as the {@code ConnectionEvent} contract that alerting and the other services read. */
final class ConnectionEvents {

    private final String instanceId;

    ConnectionEvents(String instanceId) {
        this.instanceId = instanceId;
    }

    ConnectionEvent toAvro(LifecycleEvent event) {
        LifecycleEvent.Details d = event.details();
        return ConnectionEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setConnectionId(event.connection().id().value())
                .setType(ConnectionEventType.valueOf(event.type().name()))
                .setState(state(event.state()))
                .setPreviousState(event.previousState().map(ConnectionEvents::state).orElse(null))
                .setOccurredAt(event.at())
                .setReasonCode(d.reasonCode().orElse(null))
                .setMessage(d.message().orElse(null))
                .setAccessTokenExpiresAt(d.accessTokenExpiresAt().orElse(null))
                .setActionRequired(d.actionRequired().orElse(null))
                .setReconnectUrl(d.reconnectUrl().orElse(null))
                .setOrgUrl(event.connection().orgUrl().toString())
                .setDisplayName(event.connection().displayName())
                .setCredentialExpiresAt(d.credentialExpiresAt().orElse(null))
                .setNextRetryAt(d.nextRetryAt().orElse(null))
                .setEpisodeId(d.episodeId().orElse(null))
                .setInstanceId(instanceId)
                .build();
    }

    private static io.crmbridge.events.ConnectionState state(ConnectionState state) {
        return io.crmbridge.events.ConnectionState.valueOf(state.name());
    }
}
