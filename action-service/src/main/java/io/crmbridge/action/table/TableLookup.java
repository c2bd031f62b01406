package io.crmbridge.action.table;

/** What asking for a table's definition gave. */
public sealed interface TableLookup permits TableLookup.Found, TableLookup.Unknown, TableLookup.Unavailable {

    /** The table exists in the connection's environment. */
    record Found(TableDefinition table) implements TableLookup {
    }

    /** The environment has no table with that logical name. */
    record Unknown(String logicalName) implements TableLookup {
    }

    /**
     * The definition could not be read now (throttling, an outage, no token); the command is not at fault.
     *
     * @param tokenProblem the connection has no usable token: the command should wait rather than fail
     */
    record Unavailable(String reason, boolean tokenProblem) implements TableLookup {
    }
}
