package io.crmbridge.action.execution;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.crmbridge.action.command.Bind;
import io.crmbridge.action.command.ColumnValue;
import io.crmbridge.action.command.Write;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON bodies of writes, in the Web API's formats: decimals exact, date-times as ISO-8601 UTC, multi-select
 * choices as a comma-separated string, lookups as {@code <navigation>@odata.bind: "/<entityset>(<id>)"}.
 */
final class RequestBodies {

    private static final JsonFactory JSON = new JsonFactory();

    private RequestBodies() {
    }

    /** The body of a create, update or upsert; {@code primaryKey} is put in when not null (client-set id). */
    static String record(Write write, UUID primaryKey) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            if (primaryKey != null) {
                json.writeStringProperty(write.table().primaryIdAttribute(), primaryKey.toString());
            }
            for (Map.Entry<String, ColumnValue> value : write.values().entrySet()) {
                json.writeName(value.getKey());
                value(json, value.getValue());
            }
            for (Map.Entry<String, Bind> bind : write.binds().entrySet()) {
                json.writeStringProperty(bind.getKey() + "@odata.bind", reference(bind.getValue()));
            }
            json.writeEndObject();
        }
        return out.toString();
    }

    /** The body of an associate: {@code {"@odata.id": "<entityset>(<id>)"}}. */
    static String odataId(String entitySet, UUID id) {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeStringProperty("@odata.id", entitySet + "(" + id + ")");
            json.writeEndObject();
        }
        return out.toString();
    }

    private static String reference(Bind bind) {
        return "/" + bind.entitySet() + "(" + bind.id() + ")";
    }

    private static void value(JsonGenerator json, ColumnValue value) {
        if (value instanceof ColumnValue.Text text) {
            json.writeString(text.value());
        } else if (value instanceof ColumnValue.Flag flag) {
            json.writeBoolean(flag.value());
        } else if (value instanceof ColumnValue.Int32 number) {
            json.writeNumber(number.value());
        } else if (value instanceof ColumnValue.Int64 number) {
            json.writeNumber(number.value());
        } else if (value instanceof ColumnValue.Real number) {
            json.writeNumber(number.value());
        } else if (value instanceof ColumnValue.Exact exact) {
            json.writeNumber(new BigDecimal(exact.value()).toPlainString());
        } else if (value instanceof ColumnValue.Moment moment) {
            json.writeString(moment.value().toString());
        } else if (value instanceof ColumnValue.Choice choice) {
            json.writeNumber(choice.value());
        } else if (value instanceof ColumnValue.Choices choices) {
            json.writeString(choices.values().stream().map(String::valueOf).collect(Collectors.joining(",")));
        } else {
            // Empty clears the column; references never get here (validation sends them to lookups).
            json.writeNull();
        }
    }
}
