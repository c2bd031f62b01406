package io.crmbridge.action.execution;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.action.command.Bind;
import io.crmbridge.action.command.ColumnValue;
import io.crmbridge.action.command.Link;
import io.crmbridge.action.command.RowAddress;
import io.crmbridge.action.command.Write;
import io.crmbridge.crm.webapi.RecordAddress;
import io.crmbridge.crm.webapi.RecordBody;
import io.crmbridge.crm.webapi.WriteRequests;

/**
 * Which Web API write a validated write is (shared/reference/dataverse-webapi.md §3); crm-client's
 * {@link WriteRequests}, {@link RecordAddress} and {@link RecordBody} shape it:
 *
 * <table>
 * <caption>Requests</caption>
 * <tr><th>operation</th><th>request</th></tr>
 * <tr><td>CREATE</td><td>POST the row with its id in the body</td></tr>
 * <tr><td>UPDATE</td><td>PATCH with {@code If-Match: *} (or the command's ETag), so it never creates</td></tr>
 * <tr><td>UPSERT</td><td>PATCH without conditions (with the command's ETag as {@code If-Match} when given)</td></tr>
 * <tr><td>DELETE</td><td>DELETE (with the command's ETag as {@code If-Match} when given)</td></tr>
 * <tr><td>ASSOCIATE / DISASSOCIATE</td><td>POST / DELETE through {@code $ref}</td></tr>
 * </table>
 */
final class WebApiWrites {

    private WebApiWrites() {
    }

    static WriteRequest of(Write write) {
        RecordAddress row = address(write);
        String ifMatch = write.command().ifMatch();
        return new WriteRequest(switch (write.operation()) {
            case CREATE -> WriteRequests.create(write.table().entitySetName(),
                    body(write, write.knownId().orElseThrow()), false);
            case UPDATE -> WriteRequests.update(row, body(write, null), ifMatch != null ? ifMatch : "*");
            case UPSERT -> ifMatch == null ? WriteRequests.upsert(row, body(write, null))
                    : WriteRequests.update(row, body(write, null), ifMatch);
            case DELETE -> WriteRequests.delete(row, ifMatch);
            case ASSOCIATE -> WriteRequests.associate(row, write.link().relationship(), related(write.link()));
            case DISASSOCIATE -> WriteRequests.disassociate(row, write.link().relationship(), related(write.link()));
            case UNKNOWN -> throw new IllegalArgumentException("validation lets no UNKNOWN operation through");
        });
    }

    private static RecordAddress address(Write write) {
        String set = write.table().entitySetName();
        if (write.address() instanceof RowAddress.ById byId) {
            return RecordAddress.byId(set, byId.id());
        }
        Map<String, Object> key = new LinkedHashMap<>();
        ((RowAddress.ByKey) write.address()).values().forEach((column, value) -> key.put(column, keyValue(value)));
        return RecordAddress.byKey(set, key);
    }

    private static Object keyValue(ColumnValue value) {
        if (value instanceof ColumnValue.Text text) {
            return text.value();
        }
        if (value instanceof ColumnValue.Int32 number) {
            return number.value();
        }
        if (value instanceof ColumnValue.Int64 number) {
            return number.value();
        }
        if (value instanceof ColumnValue.Exact exact) {
            return new BigDecimal(exact.value());
        }
        if (value instanceof ColumnValue.Choice choice) {
            return choice.value();
        }
        if (value instanceof ColumnValue.Flag flag) {
            return flag.value();
        }
        if (value instanceof ColumnValue.Moment moment) {
            return moment.value();
        }
        if (value instanceof ColumnValue.Reference reference) {
            // A GUID: alternate-key validation lets no other reference through.
            return new RecordAddress.Lookup(UUID.fromString(reference.value().id()));
        }
        throw new IllegalArgumentException("not a key value: " + value.kind());
    }

    private static RecordAddress related(Link link) {
        return RecordAddress.byId(link.relatedEntitySet(), link.relatedId());
    }

    /** The body of a create, update or upsert; {@code primaryKey} is put in first when not null (client-set id). */
    private static byte[] body(Write write, UUID primaryKey) {
        RecordBody body = RecordBody.create();
        if (primaryKey != null) {
            body.text(write.table().primaryIdAttribute(), primaryKey.toString());
        }
        write.values().forEach((column, value) -> value(body, column, value));
        for (Map.Entry<String, Bind> bind : write.binds().entrySet()) {
            body.bind(bind.getKey(), RecordAddress.byId(bind.getValue().entitySet(), bind.getValue().id()));
        }
        return body.toJson();
    }

    private static void value(RecordBody body, String column, ColumnValue value) {
        if (value instanceof ColumnValue.Text text) {
            body.text(column, text.value());
        } else if (value instanceof ColumnValue.Flag flag) {
            body.flag(column, flag.value());
        } else if (value instanceof ColumnValue.Int32 number) {
            body.number(column, number.value());
        } else if (value instanceof ColumnValue.Int64 number) {
            body.number(column, number.value());
        } else if (value instanceof ColumnValue.Real number) {
            body.number(column, number.value());
        } else if (value instanceof ColumnValue.Exact exact) {
            body.decimal(column, exact.value());
        } else if (value instanceof ColumnValue.Moment moment) {
            body.moment(column, moment.value());
        } else if (value instanceof ColumnValue.Choice choice) {
            body.choice(column, choice.value());
        } else if (value instanceof ColumnValue.Choices choices) {
            body.choices(column, choices.values());
        } else {
            // Empty clears the column; references never get here (validation sends them to lookups).
            body.clear(column);
        }
    }
}
