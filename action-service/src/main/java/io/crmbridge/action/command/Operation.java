package io.crmbridge.action.command;

/** What a command asks Dataverse to do; {@link #UNKNOWN} stands for an operation this version does not know. */
public enum Operation {
    CREATE, UPDATE, UPSERT, DELETE, ASSOCIATE, DISASSOCIATE, UNKNOWN;

    /** Whether the command must name an existing (or, for UPSERT, possible) row. */
    boolean needsTarget() {
        return this != CREATE;
    }

    /** Whether column values and lookups belong in the command. */
    boolean carriesValues() {
        return this == CREATE || this == UPDATE || this == UPSERT;
    }

    boolean links() {
        return this == ASSOCIATE || this == DISASSOCIATE;
    }
}
