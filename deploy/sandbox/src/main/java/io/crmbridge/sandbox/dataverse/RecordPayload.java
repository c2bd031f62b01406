package io.crmbridge.sandbox.dataverse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

import tools.jackson.databind.JsonNode;

/**
 * The columns a create or update body sets, checked and converted as Dataverse does: unknown properties and
 * wrong JSON types fail in the OData layer (0x80048d19), too-long text and unknown choice values fail
 * validation (0x80044331); decimals and money keep exact values rounded to the column's precision; lookups are
 * set through {@code <navigation>@odata.bind}; platform columns (createdon, versionnumber...) are ignored.
 */
final class RecordPayload {

    private static final BigDecimal MONEY_LIMIT = new BigDecimal("922337203685477");

    private final TableDefinition table;
    private final BiFunction<TableDefinition.Navigation, String, RecordRef> binder;
    private final Map<Integer, Object> values = new LinkedHashMap<>();
    private UUID primaryKey;

    private RecordPayload(TableDefinition table, BiFunction<TableDefinition.Navigation, String, RecordRef> binder) {
        this.table = table;
        this.binder = binder;
    }

    /**
     * Reads {@code body}; {@code binder} resolves an {@code @odata.bind} reference (failing if the row is missing).
     */
    static RecordPayload read(TableDefinition table, JsonNode body,
                              BiFunction<TableDefinition.Navigation, String, RecordRef> binder) {
        if (body == null || !body.isObject()) {
            throw DataverseError.payload(table, "The payload must be a JSON object.");
        }
        RecordPayload payload = new RecordPayload(table, binder);
        body.forEachEntry(payload::property);
        return payload;
    }

    /** Column index to value (null clears the column). */
    Map<Integer, Object> values() {
        return values;
    }

    /** A client-supplied primary key, if the body has one. */
    Optional<UUID> primaryKey() {
        return Optional.ofNullable(primaryKey);
    }

    private void property(String name, JsonNode value) {
        if (name.endsWith("@odata.bind")) {
            bind(name.substring(0, name.length() - "@odata.bind".length()), value);
        } else if (name.startsWith("@") || name.contains("@")) {
            return;
        } else if (table.navigation(name).isPresent()) {
            navigation(name, value);
        } else {
            column(name, value);
        }
    }

    private void bind(String navigationName, JsonNode value) {
        TableDefinition.Navigation navigation = table.navigation(navigationName).orElseThrow(() ->
                DataverseError.payload(table, "An undeclared property '" + navigationName
                        + "' which only has property annotations in the payload but no property value was found "
                        + "in the payload. In OData, only declared navigation properties and declared named "
                        + "streams can be represented as properties without values."));
        if (value.isNull()) {
            values.put(navigation.column(), null);
        } else if (value.isString()) {
            values.put(navigation.column(), binder.apply(navigation, value.stringValue()));
        } else {
            throw DataverseError.payload(table, "A node of type '" + value.getNodeType()
                    + "' was read from the JSON reader when trying to read the value of an entity reference link.");
        }
    }

    private void navigation(String name, JsonNode value) {
        if (!value.isNull()) {
            throw DataverseError.payload(table, "Deep insert through '" + name + "' is not supported by the sandbox.");
        }
        values.put(table.navigation(name).orElseThrow().column(), null);
    }

    private void column(String name, JsonNode value) {
        int index = table.indexOf(name);
        if (index < 0 || table.column(index).type().isLookup()) {
            throw DataverseError.payload(table, "The property '" + name + "' does not exist on type "
                    + "'Microsoft.Dynamics.CRM." + table.logicalName() + "'. Make sure to only use property names "
                    + "that are defined by the type or mark the type as open type.");
        }
        Column column = table.column(index);
        if (index == table.primaryIdIndex()) {
            primaryKey = value.isNull() ? null : guid(column, value);
            return;
        }
        if (!column.writable()) {
            return;
        }
        values.put(index, value.isNull() ? null : convert(column, value));
    }

    private Object convert(Column column, JsonNode value) {
        return switch (column.type()) {
            case STRING, MEMO -> text(column, value);
            case INTEGER -> integer(column, value);
            case CHOICE, STATE, STATUS -> option(column, integer(column, value));
            case BIGINT -> bigint(column, value);
            case DECIMAL -> decimal(column, value).setScale(column.precision(), RoundingMode.HALF_UP);
            case MONEY -> money(column, value);
            case DOUBLE -> {
                require(value.isNumber(), column, value);
                yield value.doubleValue();
            }
            case BOOLEAN -> {
                require(value.isBoolean(), column, value);
                yield value.booleanValue();
            }
            case DATETIME -> {
                require(value.isString(), column, value);
                yield ODataLexer.instant(value.stringValue()).truncatedTo(ChronoUnit.SECONDS);
            }
            case MULTI_CHOICE -> options(column, value);
            case UNIQUEIDENTIFIER -> guid(column, value);
            case LOOKUP, CUSTOMER -> throw new IllegalStateException("lookups are set through navigation properties");
        };
    }

    private String text(Column column, JsonNode value) {
        require(value.isString(), column, value);
        String text = value.stringValue();
        if (text.length() > column.maxLength()) {
            throw DataverseError.validation("The length of the '" + column.logicalName() + "' attribute of the '"
                    + table.logicalName() + "' entity exceeded the maximum allowed length of '"
                    + column.maxLength() + "'.");
        }
        return text;
    }

    private int integer(Column column, JsonNode value) {
        require(value.isIntegralNumber() && value.canConvertToInt(), column, value);
        return value.intValue();
    }

    private long bigint(Column column, JsonNode value) {
        if (value.isString()) {
            try {
                return Long.parseLong(value.stringValue());
            } catch (NumberFormatException e) {
                require(false, column, value);
            }
        }
        require(value.isIntegralNumber() && value.canConvertToLong(), column, value);
        return value.longValue();
    }

    private BigDecimal decimal(Column column, JsonNode value) {
        if (value.isString()) {
            try {
                return new BigDecimal(value.stringValue());
            } catch (NumberFormatException e) {
                require(false, column, value);
            }
        }
        require(value.isNumber(), column, value);
        return value.decimalValue();
    }

    private BigDecimal money(Column column, JsonNode value) {
        BigDecimal amount = decimal(column, value).setScale(column.precision(), RoundingMode.HALF_UP);
        if (amount.abs().compareTo(MONEY_LIMIT) > 0) {
            throw DataverseError.validation("The value " + amount.toPlainString() + " of '" + column.logicalName()
                    + "' on record of type '" + table.logicalName() + "' is outside the valid range.");
        }
        return amount;
    }

    private Integer option(Column column, int option) {
        if (!column.options().containsKey(option)) {
            throw DataverseError.validation("The value " + option + " of '" + column.logicalName()
                    + "' on record of type '" + table.logicalName() + "' is outside the valid range. Accepted Values: "
                    + String.join(",", column.options().keySet().stream().map(String::valueOf).toList()));
        }
        return option;
    }

    private int[] options(Column column, JsonNode value) {
        String[] parts;
        if (value.isArray()) {
            parts = value.values().stream().map(JsonNode::asString).toArray(String[]::new);
        } else {
            require(value.isString(), column, value);
            parts = value.stringValue().isBlank() ? new String[0] : value.stringValue().split(",");
        }
        try {
            return Arrays.stream(parts).map(String::trim).mapToInt(Integer::parseInt)
                    .map(option -> option(column, option)).distinct().sorted().toArray();
        } catch (NumberFormatException e) {
            throw DataverseError.payload(table, "Cannot convert the literal '" + value + "' to the expected type "
                    + "'Edm.String' of a multi-select choice.");
        }
    }

    private UUID guid(Column column, JsonNode value) {
        require(value.isString(), column, value);
        try {
            return UUID.fromString(value.stringValue());
        } catch (IllegalArgumentException e) {
            require(false, column, value);
            return null;
        }
    }

    private void require(boolean valid, Column column, JsonNode value) {
        if (!valid) {
            throw DataverseError.payload(table, "Cannot convert the literal '" + (value.isString()
                    ? value.stringValue() : value.toString()) + "' to the expected type '"
                    + column.type().edmType() + "'.");
        }
    }
}
