package io.crmbridge.token.vault;

import io.crmbridge.crm.connection.ConnectionId;

/** Which shard (vault partition) a connection belongs to; ownership comes and goes by shard (port). */
@FunctionalInterface
public interface Shards {

    int of(ConnectionId id);
}
