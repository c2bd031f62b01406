package io.crmbridge.local;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.events.RecordChanged;

/**
 * What {@link EventsSeen} holds for one connection from a moment on. A scenario that counts from its own start
 * is neither satisfied nor broken by what another scenario of the same connection left on the topics.
 */
final class EventsSince {

    private final EventsSeen events;
    private final String connection;
    private final int changes;
    private final Map<ConnectionEventType, Integer> connectionEvents = new EnumMap<>(ConnectionEventType.class);

    private EventsSince(EventsSeen events, String connection) {
        this.events = events;
        this.connection = connection;
        this.changes = events.changes(connection).size();
        for (ConnectionEventType type : ConnectionEventType.values()) {
            connectionEvents.put(type, events.connectionEvents(connection, type).size());
        }
    }

    /** From what has been seen so far. */
    static EventsSince now(EventsSeen events, String connection) {
        return new EventsSince(events, connection);
    }

    /** The connection's changes published since, in the order seen (the seen events only ever grow). */
    List<RecordChanged> changes() {
        return events.changes(connection).stream().skip(changes).toList();
    }

    List<ConnectionEvent> connectionEvents(ConnectionEventType type) {
        return events.connectionEvents(connection, type).stream().skip(connectionEvents.get(type)).toList();
    }
}
