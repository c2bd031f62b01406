package io.crmbridge.action.table;

import io.crmbridge.crm.connection.ConnectionId;

/**
 * The table definitions of each connection's environment (port). Implementations cache: definitions change
 * rarely, and validation asks for one per command.
 */
public interface Tables {

    /** The definition of table {@code logicalName} in {@code connection}'s environment; may block on first use. */
    TableLookup find(ConnectionId connection, String logicalName);
}
