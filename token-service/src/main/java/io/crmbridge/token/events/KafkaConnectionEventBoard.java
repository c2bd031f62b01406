package io.crmbridge.token.events;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.topic.TopicFollower;
import io.crmbridge.token.connection.ConnectionState;
import io.crmbridge.token.refresh.LastKnownStatuses;

/**
 * The last event of every connection, read from the connection-events topic on every instance, so that any instance
 * can show how a connection owned by another one stands.
 */
final class KafkaConnectionEventBoard implements LastKnownStatuses {

    private static final Set<ConnectionEventType> FAILURES = Set.of(ConnectionEventType.REFRESH_FAILED,
            ConnectionEventType.TOKEN_EXPIRED);
    private static final Set<ConnectionEventType> SUCCESSES = Set.of(ConnectionEventType.CONNECTED,
            ConnectionEventType.TOKEN_REFRESHED, ConnectionEventType.RECONNECTED);

    private final Map<ConnectionId, Reported> reported = new ConcurrentHashMap<>();
    private final KafkaSetup kafka;
    private volatile TopicFollower<ConnectionEvent> follower;

    KafkaConnectionEventBoard(KafkaSetup kafka) {
        this.kafka = kafka;
    }

    @Override
    public Optional<Reported> of(ConnectionId id) {
        return Optional.ofNullable(reported.get(id));
    }

    /** Starts crm-client's follower, which reads on a thread of its own. */
    void start() {
        follower = TopicFollower.of(kafka.consumer(), kafka.<ConnectionEvent>deserializer())
                .topics(kafka.topics().connectionEvents().name())
                .from(TopicFollower.Start.BEGINNING).named(kafka.instanceId() + "-connection-events")
                .onRecord(record -> {
                    if (record.value() != null) {
                        accept(record.value());
                    }
                }).start();
    }

    void stop() {
        TopicFollower<ConnectionEvent> started = follower;
        if (started != null) {
            started.close();
        }
    }

    private void accept(ConnectionEvent event) {
        if (event.getState() == io.crmbridge.events.ConnectionState.UNKNOWN) {
            return;
        }
        reported.compute(ConnectionId.of(event.getConnectionId()), (id, before) -> next(before, event));
    }

    private static Reported next(Reported before, ConnectionEvent event) {
        Optional<String> reason = Optional.ofNullable(event.getReasonCode());
        Optional<String> message = Optional.ofNullable(event.getMessage());
        if (!FAILURES.contains(event.getType())) {
            boolean keep = before != null && !SUCCESSES.contains(event.getType());
            reason = keep ? before.reasonCode() : Optional.empty();
            message = keep ? before.message() : Optional.empty();
        }
        Optional<Instant> expiry = Optional.ofNullable(event.getAccessTokenExpiresAt())
                .or(() -> before == null ? Optional.empty() : before.accessTokenExpiresAt());
        return new Reported(ConnectionState.valueOf(event.getState().name()), expiry, reason, message,
                event.getOccurredAt(), String.valueOf(event.getInstanceId()));
    }
}
