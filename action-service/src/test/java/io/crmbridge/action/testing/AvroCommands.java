package io.crmbridge.action.testing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.crmbridge.events.Association;
import io.crmbridge.events.EntityReference;
import io.crmbridge.events.RecordTarget;
import io.crmbridge.events.WriteCommand;
import io.crmbridge.events.WriteOperation;

/** {@code WriteCommand}s as producers write them. */
public final class AvroCommands {

    private AvroCommands() {
    }

    public static WriteCommand create(String commandId, String connection, String entity, Map<String, Object> values) {
        return base(commandId, connection, entity, WriteOperation.CREATE).setAttributes(values).build();
    }

    public static WriteCommand createWithId(String commandId, String connection, String entity, String id,
                                            Map<String, Object> values) {
        return base(commandId, connection, entity, WriteOperation.CREATE).setTarget(byId(id)).setAttributes(values)
                .build();
    }

    public static WriteCommand update(String commandId, String connection, String entity, String id,
                                      Map<String, Object> values) {
        return base(commandId, connection, entity, WriteOperation.UPDATE).setTarget(byId(id)).setAttributes(values)
                .build();
    }

    public static WriteCommand upsertByKey(String commandId, String connection, String entity,
                                           Map<String, Object> key, Map<String, Object> values) {
        return base(commandId, connection, entity, WriteOperation.UPSERT)
                .setTarget(RecordTarget.newBuilder().setId(null).setAlternateKey(key).build())
                .setAttributes(values).build();
    }

    public static WriteCommand delete(String commandId, String connection, String entity, String id) {
        return base(commandId, connection, entity, WriteOperation.DELETE).setTarget(byId(id)).build();
    }

    public static WriteCommand link(String commandId, String connection, String entity, String id,
                                    WriteOperation operation, String relationship, String relatedEntity,
                                    String relatedId) {
        return base(commandId, connection, entity, operation).setTarget(byId(id))
                .setAssociation(Association.newBuilder().setRelationship(relationship)
                        .setRelated(reference(relatedEntity, relatedId)).build()).build();
    }

    public static EntityReference reference(String entity, String id) {
        return EntityReference.newBuilder().setEntity(entity).setId(id).setName(null).build();
    }

    public static WriteCommand.Builder base(String commandId, String connection, String entity,
                                            WriteOperation operation) {
        return WriteCommand.newBuilder().setCommandId(commandId).setConnectionId(connection).setEntity(entity)
                .setOperation(operation).setTarget(null).setAttributes(new HashMap<>()).setLookups(new HashMap<>())
                .setAssociation(null).setIfMatch(null).setRequestedAt(Instant.now())
                .setHeaders(Map.of("traceparent", "00-" + commandId));
    }

    private static RecordTarget byId(String id) {
        return RecordTarget.newBuilder().setId(id).setAlternateKey(new HashMap<>()).build();
    }
}
