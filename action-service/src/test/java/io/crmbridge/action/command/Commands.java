package io.crmbridge.action.command;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.crm.connection.ConnectionId;

/** Builds commands for tests: a valid one of each operation, then withers to spoil it. */
public record Commands(String commandId, String connection, String entity, Operation operation, Target target,
                       Map<String, ColumnValue> attributes, Map<String, RecordReference> lookups,
                       Association association, String ifMatch, int sizeBytes) {

    public static final String ACCOUNT_ID = "3f2b7c1e-1111-4a2b-9c3d-000000000001";
    public static final String CONTACT_ID = "3f2b7c1e-2222-4a2b-9c3d-000000000002";

    public static Commands create() {
        return new Commands("cmd-1", "conn-a", "account", Operation.CREATE, null,
                Map.of("name", new ColumnValue.Text("Contoso")), Map.of(), null, null, 200);
    }

    public static Commands update() {
        return create().operation(Operation.UPDATE).target(Target.byId(ACCOUNT_ID));
    }

    public static Commands delete() {
        return update().operation(Operation.DELETE).attributes(Map.of());
    }

    public static Commands associate() {
        return delete().operation(Operation.ASSOCIATE).association(new Association("contact_customer_accounts",
                new RecordReference("contact", CONTACT_ID)));
    }

    public Commands commandId(String value) {
        return new Commands(value, connection, entity, operation, target, attributes, lookups, association, ifMatch,
                sizeBytes);
    }

    public Commands connection(String value) {
        return new Commands(commandId, value, entity, operation, target, attributes, lookups, association, ifMatch,
                sizeBytes);
    }

    public Commands entity(String value) {
        return new Commands(commandId, connection, value, operation, target, attributes, lookups, association,
                ifMatch, sizeBytes);
    }

    public Commands operation(Operation value) {
        return new Commands(commandId, connection, entity, value, target, attributes, lookups, association, ifMatch,
                sizeBytes);
    }

    public Commands target(Target value) {
        return new Commands(commandId, connection, entity, operation, value, attributes, lookups, association,
                ifMatch, sizeBytes);
    }

    public Commands id(UUID id) {
        return target(Target.byId(id.toString()));
    }

    public Commands attributes(Map<String, ColumnValue> value) {
        return new Commands(commandId, connection, entity, operation, target, value, lookups, association, ifMatch,
                sizeBytes);
    }

    public Commands lookups(Map<String, RecordReference> value) {
        return new Commands(commandId, connection, entity, operation, target, attributes, value, association,
                ifMatch, sizeBytes);
    }

    public Commands association(Association value) {
        return new Commands(commandId, connection, entity, operation, target, attributes, lookups, value, ifMatch,
                sizeBytes);
    }

    public Commands ifMatch(String value) {
        return new Commands(commandId, connection, entity, operation, target, attributes, lookups, association, value,
                sizeBytes);
    }

    public Commands sizeBytes(int value) {
        return new Commands(commandId, connection, entity, operation, target, attributes, lookups, association,
                ifMatch, value);
    }

    public Command build() {
        return new Command(commandId, ConnectionId.of(connection), entity, operation, target, attributes, lookups,
                association, ifMatch, Instant.parse("2026-01-01T00:00:00Z"), Map.of("traceparent", "t-1"), sizeBytes);
    }
}
