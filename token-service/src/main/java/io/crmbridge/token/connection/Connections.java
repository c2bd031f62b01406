package io.crmbridge.token.connection;

import io.crmbridge.crm.connection.ConnectionId;
import java.util.List;
import java.util.Optional;

/**
 * Every connection definition known to the service (port). Definitions are shared by all instances: saving one on
 * any instance makes it visible, soon, to every instance and to the other services; listeners hear about it then.
 */
public interface Connections {

    List<Connection> all();

    Optional<Connection> find(ConnectionId id);

    /** Publishes the definition (and keeps its credential reference private to the token-service). */
    void save(Connection connection);

    /** Removes the definition everywhere. */
    void delete(ConnectionId id);

    /** {@code listener} hears of every definition seen from now on, and of every removal. */
    void subscribe(Listener listener);

    /** Told about definitions as they are learnt; called from one thread at a time. */
    interface Listener {
        void changed(Connection connection);

        void removed(ConnectionId id);
    }
}
