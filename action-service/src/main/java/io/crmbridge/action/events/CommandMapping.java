package io.crmbridge.action.events;

import java.util.LinkedHashMap;
import java.util.Map;

import io.crmbridge.action.command.Association;
import io.crmbridge.action.command.ColumnValue;
import io.crmbridge.action.command.Command;
import io.crmbridge.action.command.Operation;
import io.crmbridge.action.command.RecordReference;
import io.crmbridge.action.command.Target;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.events.DateTimeValue;
import io.crmbridge.events.DecimalValue;
import io.crmbridge.events.EntityReference;
import io.crmbridge.events.OptionSetValue;
import io.crmbridge.events.OptionSetValues;
import io.crmbridge.events.RecordTarget;
import io.crmbridge.events.WriteCommand;

/** The contract's {@code WriteCommand} as the plain {@link Command} the rest of the service works with. */
final class CommandMapping {

    private CommandMapping() {
    }

    static Command command(WriteCommand avro, int sizeBytes) {
        ConnectionId connection = avro.getConnectionId().isBlank() ? Command.MISSING_CONNECTION
                : ConnectionId.of(avro.getConnectionId());
        return new Command(avro.getCommandId(), connection, avro.getEntity(), Operation.valueOf(avro.getOperation().name()),
                target(avro.getTarget()), values(avro.getAttributes()), lookups(avro.getLookups()),
                association(avro.getAssociation()), avro.getIfMatch(), avro.getRequestedAt(), avro.getHeaders(),
                sizeBytes);
    }

    static ColumnValue value(Object value) {
        if (value == null) {
            return new ColumnValue.Empty();
        }
        if (value instanceof Boolean flag) {
            return new ColumnValue.Flag(flag);
        }
        if (value instanceof Integer number) {
            return new ColumnValue.Int32(number);
        }
        if (value instanceof Long number) {
            return new ColumnValue.Int64(number);
        }
        if (value instanceof Double number) {
            return new ColumnValue.Real(number);
        }
        if (value instanceof CharSequence text) {
            return new ColumnValue.Text(text.toString());
        }
        if (value instanceof DecimalValue decimal) {
            return new ColumnValue.Exact(decimal.getValue());
        }
        if (value instanceof DateTimeValue moment) {
            return new ColumnValue.Moment(moment.getValue());
        }
        if (value instanceof EntityReference reference) {
            return new ColumnValue.Reference(reference(reference));
        }
        if (value instanceof OptionSetValue option) {
            return new ColumnValue.Choice(option.getValue());
        }
        if (value instanceof OptionSetValues options) {
            return new ColumnValue.Choices(options.getValues().stream().map(OptionSetValue::getValue).toList());
        }
        throw new IllegalArgumentException("not an AttributeValue: " + value.getClass().getName());
    }

    private static Map<String, ColumnValue> values(Map<String, Object> values) {
        Map<String, ColumnValue> mapped = new LinkedHashMap<>();
        values.forEach((name, value) -> mapped.put(name, value(value)));
        return mapped;
    }

    private static Map<String, RecordReference> lookups(Map<String, EntityReference> lookups) {
        Map<String, RecordReference> mapped = new LinkedHashMap<>();
        lookups.forEach((name, reference) -> mapped.put(name, reference(reference)));
        return mapped;
    }

    private static Target target(RecordTarget target) {
        return target == null ? null : new Target(target.getId(), values(target.getAlternateKey()));
    }

    private static Association association(io.crmbridge.events.Association association) {
        return association == null ? null
                : new Association(association.getRelationship(), reference(association.getRelated()));
    }

    private static RecordReference reference(EntityReference reference) {
        return new RecordReference(reference.getEntity(), reference.getId());
    }
}
