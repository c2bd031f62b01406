package io.crmbridge.sandbox.dataverse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.StringJoiner;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * Writes rows as the Web API returns them, straight to a streaming generator (no per-row trees):
 * {@code @odata.etag}, then the selected columns in {@code $select} order with the primary key last if not
 * selected, lookups as {@code _x_value}, money with four decimals, and the requested annotations before each value.
 */
final class RecordJson {

    private static final SerializedString ETAG = new SerializedString("@odata.etag");
    private static final String FORMATTED = "@" + Annotations.FORMATTED_VALUE;

    private final Org org;
    private final TableDefinition table;
    private final int[] columns;
    private final Annotations annotations;
    private final SerializableString[] names;
    private final FormattedValues formats = new FormattedValues();

    RecordJson(Org org, TableDefinition table, int[] columns, Annotations annotations) {
        this.org = org;
        this.table = table;
        this.columns = columns;
        this.annotations = annotations;
        this.names = new SerializableString[table.columns().size()];
        for (int column : columns) {
            names[column] = new SerializedString(table.propertyName(column));
        }
    }

    /** One row as a JSON object. */
    void write(JsonGenerator json, Row row) {
        write(json, row, null);
    }

    /** One row as a JSON object, led by {@code @odata.context} when it is the whole response. */
    void write(JsonGenerator json, Row row, String context) {
        json.writeStartObject();
        if (context != null) {
            json.writeStringProperty("@odata.context", context);
        }
        json.writeName(ETAG);
        json.writeString(etag(row.etag()));
        for (int column : columns) {
            Object value = row.value(column);
            if (annotations.any() && value != null) {
                annotate(json, table.column(column), column, value);
            }
            json.writeName(names[column]);
            value(json, table.column(column), value);
        }
        json.writeEndObject();
    }

    /** A single column as {@code {"@odata.context": ..., "value": ...}}. */
    void writeValue(JsonGenerator json, Row row, int column, String context) {
        json.writeStartObject();
        json.writeStringProperty("@odata.context", context);
        json.writeName("value");
        value(json, table.column(column), row.value(column));
        json.writeEndObject();
    }

    static String etag(long etag) {
        return "W/\"" + etag + "\"";
    }

    private void annotate(JsonGenerator json, Column column, int index, Object value) {
        String name = table.propertyName(index);
        if (value instanceof RecordRef ref) {
            if (annotations.formattedValue()) {
                String label = lookupName(ref);
                if (label != null) {
                    json.writeStringProperty(name + FORMATTED, label);
                }
            }
            if (annotations.associatedNavigationProperty()) {
                json.writeStringProperty(name + "@" + Annotations.NAVIGATION_PROPERTY, navigation(column, ref));
            }
            if (annotations.lookupLogicalName()) {
                json.writeStringProperty(name + "@" + Annotations.LOOKUP_LOGICAL_NAME, ref.table());
            }
        } else if (annotations.formattedValue()) {
            String formatted = formats.format(column, value);
            if (formatted != null) {
                json.writeStringProperty(name + FORMATTED, formatted);
            }
        }
    }

    private static void value(JsonGenerator json, Column column, Object value) {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof BigDecimal decimal) {
            json.writeNumber((column.type() == ColumnType.MONEY ? decimal.setScale(4) : decimal).toPlainString());
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Instant instant) {
            json.writeString(instant.toString());
        } else if (value instanceof RecordRef ref) {
            json.writeString(ref.id().toString());
        } else if (value instanceof int[] options) {
            StringJoiner joined = new StringJoiner(",");
            for (int option : options) {
                joined.add(String.valueOf(option));
            }
            json.writeString(joined.toString());
        } else {
            json.writeString(value.toString());
        }
    }

    private String lookupName(RecordRef ref) {
        TableDefinition target = org.schema().table(ref.table());
        Row row = org.rows(target).get(ref.id());
        return row == null ? null : (String) row.value(target.primaryNameIndex());
    }

    private static String navigation(Column column, RecordRef ref) {
        for (LookupTarget target : column.targets()) {
            if (target.table().equals(ref.table())) {
                return target.navigationProperty();
            }
        }
        return column.logicalName();
    }
}
