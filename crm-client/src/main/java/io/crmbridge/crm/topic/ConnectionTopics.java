package io.crmbridge.crm.topic;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.crmbridge.crm.connection.ConnectionAvailability;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.events.ConnectionDefinition;
import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Feeds a {@link ConnectionAvailability} from the token-service's topics: {@code crm.connections} (definitions,
 * tombstones) where the service follows definitions, and {@code crm.connection-events}. The one place a connection
 * event type is turned into an availability input, so every service reads the events the same way.
 *
 * <pre>{@code
 * ConnectionTopics followed = ConnectionTopics.follow(kafkaProperties, availability)
 *         .definitions("crm.connections", (id, orgUrl) -> ...)
 *         .events("crm.connection-events").named("poller-connections").start();
 * }</pre>
 */
public final class ConnectionTopics implements AutoCloseable {

    /** Hears the org URL of every definition read, before the availability changes. */
    @FunctionalInterface
    public interface DefinitionListener {
        void defined(ConnectionId connection, URI orgUrl);
    }

    private final TopicFollower<Object> follower;

    private ConnectionTopics(TopicFollower<Object> follower) {
        this.follower = follower;
    }

    public static Builder follow(Map<String, Object> kafka, ConnectionAvailability availability) {
        return new Builder(kafka, availability);
    }

    /** Completes once the definitions and events on the topics at start-up have all been applied. */
    public CompletableFuture<Void> caughtUp() {
        return follower.caughtUp();
    }

    public boolean alive() {
        return follower.alive();
    }

    @Override
    public void close() {
        follower.close();
    }

    /** Which topics to follow; {@link #start()} begins. */
    public static final class Builder {

        private final Map<String, Object> kafka;
        private final ConnectionAvailability availability;
        private final List<String> topics = new ArrayList<>();
        private String definitionsTopic;
        private DefinitionListener listener = (connection, orgUrl) -> { };
        private String name = "connection-topics";

        private Builder(Map<String, Object> kafka, ConnectionAvailability availability) {
            this.kafka = kafka;
            this.availability = availability;
        }

        /** Follow {@code crm.connections} too, telling {@code listener} each definition. */
        public Builder definitions(String topic, DefinitionListener definitions) {
            this.definitionsTopic = topic;
            this.listener = definitions;
            topics.add(topic);
            return this;
        }

        public Builder events(String topic) {
            topics.add(topic);
            return this;
        }

        public Builder named(String threadName) {
            this.name = threadName;
            return this;
        }

        public ConnectionTopics start() {
            return new ConnectionTopics(TopicFollower.of(kafka, AvroDeserializer.forGeneratedClasses(kafka)).topics(topics.toArray(String[]::new))
                    .named(name).onRecord(this::apply).start());
        }

        private void apply(ConsumerRecord<String, Object> record) {
            if (record.value() instanceof ConnectionDefinition definition) {
                ConnectionId connection = ConnectionId.of(definition.getConnectionId());
                listener.defined(connection, URI.create(definition.getOrgUrl()));
                availability.defined(connection, definition.getEnabled());
            } else if (record.value() instanceof ConnectionEvent event) {
                apply(event);
            } else if (record.value() == null && record.topic().equals(definitionsTopic) && record.key() != null) {
                availability.deleted(ConnectionId.of(record.key()));
            }
        }

        private void apply(ConnectionEvent event) {
            ConnectionId connection = ConnectionId.of(event.getConnectionId());
            switch (event.getType()) {
                case TOKEN_EXPIRED -> availability.tokenExpired(connection);
                case DISCONNECTED -> availability.disconnected(connection);
                case CONNECTED, RECONNECTED, TOKEN_REFRESHED -> availability.tokenWorks(connection);
                default -> {
                    // REFRESH_FAILED, CREDENTIAL_EXPIRING, UNKNOWN: the current token still works.
                }
            }
        }
    }
}
