package io.crmbridge.token.connection;

import io.crmbridge.crm.connection.ConnectionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Connections held in memory; listeners hear of changes at once. */
public final class InMemoryConnections implements Connections {

    private final Map<ConnectionId, Connection> definitions = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new ArrayList<>();

    @Override
    public List<Connection> all() {
        return List.copyOf(definitions.values());
    }

    @Override
    public Optional<Connection> find(ConnectionId id) {
        return Optional.ofNullable(definitions.get(id));
    }

    @Override
    public void save(Connection connection) {
        definitions.put(connection.id(), connection);
        listeners.forEach(l -> l.changed(connection));
    }

    @Override
    public void delete(ConnectionId id) {
        definitions.remove(id);
        listeners.forEach(l -> l.removed(id));
    }

    @Override
    public void subscribe(Listener listener) {
        listeners.add(listener);
    }
}
