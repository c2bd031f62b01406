package io.crmbridge.action.execution;

import io.crmbridge.action.command.Write;
import io.crmbridge.crm.connection.ConnectionId;

/**
 * A write to execute.
 *
 * @param ticket      the caller's handle, to map outcomes back
 * @param orderingKey writes with the same key are applied in the order given (the Kafka record key:
 *                    {@code connectionId:entity:recordKey})
 */
public record Job(long ticket, Write write, String orderingKey) {

    public ConnectionId connection() {
        return write.command().connection();
    }
}
