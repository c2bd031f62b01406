package io.crmbridge.action.command;

/** A row named by table logical name and primary key, as a command carries it (the id is not yet checked). */
public record RecordReference(String entity, String id) {
}
