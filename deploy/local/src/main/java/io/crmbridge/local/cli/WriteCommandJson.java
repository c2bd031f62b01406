package io.crmbridge.local.cli;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.events.DecimalValue;
import io.crmbridge.events.RecordTarget;
import io.crmbridge.events.WriteCommand;
import io.crmbridge.events.WriteOperation;
import io.crmbridge.local.cli.Cli.UsageException;
import tools.jackson.core.JacksonException;

/**
 * The CLI's JSON shape of a write command: {@code {"commandId": "optional, a random UUID when absent",
 * "connectionId": "contoso-app", "entity": "account", "operation": "UPDATE", "targetId": "<guid>",
 * "attributes": {"name": "Fabrikam", "numberofemployees": 40, "creditonhold": false,
 * "revenue": {"decimal": "1000.50"}}}}. Attribute values are plain JSON (text, numbers, booleans, null) or
 * {@code {"decimal": "<text>"}} for money and decimal columns; lookups and option sets need a real producer.
 */
final class WriteCommandJson {

    private WriteCommandJson() {
    }

    static WriteCommand read(InputStream json) {
        Map<String, Object> fields;
        try {
            fields = AvroJson.mapper().readValue(json.readAllBytes(), Map.class);
        } catch (IOException | JacksonException e) {
            throw new UsageException("not a JSON object: " + e.getMessage());
        }
        WriteCommand.Builder command = WriteCommand.newBuilder()
                .setCommandId(text(fields, "commandId", UUID.randomUUID().toString()))
                .setConnectionId(required(fields, "connectionId"))
                .setEntity(required(fields, "entity"))
                .setOperation(operation(required(fields, "operation")))
                .setAttributes(attributes(fields.get("attributes")))
                .setRequestedAt(Instant.now());
        String targetId = text(fields, "targetId", null);
        if (targetId != null) {
            command.setTarget(RecordTarget.newBuilder().setId(targetId).build());
        }
        return command.build();
    }

    /** The command's Kafka key, {@code connectionId:entity:recordKey}: one row's commands stay in order. */
    static String key(WriteCommand command) {
        String row = command.getTarget() != null && command.getTarget().getId() != null
                ? command.getTarget().getId() : command.getCommandId();
        return command.getConnectionId() + ":" + command.getEntity() + ":" + row;
    }

    private static WriteOperation operation(String name) {
        try {
            return WriteOperation.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("operation must be CREATE, UPDATE, UPSERT or DELETE, was " + name);
        }
    }

    private static Map<String, Object> attributes(Object json) {
        if (json == null) {
            return Map.of();
        }
        if (!(json instanceof Map<?, ?> map)) {
            throw new UsageException("attributes must be a JSON object");
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        map.forEach((name, value) -> attributes.put(name.toString(), attribute(name.toString(), value)));
        return attributes;
    }

    private static Object attribute(String name, Object json) {
        if (json instanceof Map<?, ?> object && object.size() == 1 && object.get("decimal") != null) {
            return DecimalValue.newBuilder().setValue(object.get("decimal").toString()).build();
        }
        if (json instanceof Map || json instanceof Iterable) {
            throw new UsageException("attribute " + name + " must be text, a number, a boolean, null or"
                    + " {\"decimal\": \"<text>\"}");
        }
        // Avro's union has int, long and double; JSON's big numbers would not fit any of them.
        boolean integral = json instanceof Integer || json instanceof Long;
        return json instanceof Number n && !integral ? n.doubleValue() : json;
    }

    private static String required(Map<String, Object> fields, String name) {
        String value = text(fields, name, null);
        if (value == null) {
            throw new UsageException("the command needs \"" + name + "\"");
        }
        return value;
    }

    private static String text(Map<String, Object> fields, String name, String otherwise) {
        Object value = fields.get(name);
        return value == null ? otherwise : value.toString();
    }
}
