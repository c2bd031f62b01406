package io.crmbridge.token.connection;

import io.crmbridge.crm.connection.ConnectionId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The connections defined in the service's configuration (YAML), validated at start-up. */
public record ConfiguredConnections(List<Connection> all) {

    public ConfiguredConnections {
        all = List.copyOf(all);
    }

    /** Their credential references, which every instance knows from its own configuration. */
    public Map<ConnectionId, ClientCredential> credentials() {
        return all.stream().filter(c -> c.credential().isPresent())
                .collect(Collectors.toUnmodifiableMap(Connection::id, c -> c.credential().orElseThrow()));
    }
}
