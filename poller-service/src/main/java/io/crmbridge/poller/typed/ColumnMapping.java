package io.crmbridge.poller.typed;

import java.util.ArrayList;
import java.util.List;

import io.crmbridge.crm.metadata.ColumnMetadata;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The column mapping of typed change topics: which Avro fields a Dataverse column becomes. Every field is
 * nullable with default null, so that a row without the column, a removed column and a new column all fit. The rules,
 * matched in this order against the column's metadata ({@link ColumnMetadata}); the README's table is this one:
 *
 * <table>
 * <caption>Dataverse attribute type → Avro fields</caption>
 * <tr><th>#</th><th>Dataverse type (client {@code ColumnType})</th><th>value field</th><th>extra fields</th></tr>
 * <tr><td>1</td><td>String, Memo (TEXT)</td><td>string</td><td></td></tr>
 * <tr><td>2</td><td>Integer</td><td>int</td><td></td></tr>
 * <tr><td>3</td><td>BigInt</td><td>long</td><td></td></tr>
 * <tr><td>4</td><td>Double</td><td>double</td><td></td></tr>
 * <tr><td>5</td><td>Decimal, Money</td><td>bytes, logical type decimal(totalDigits, scale) of the column
 *     ({@link ColumnMetadata#scale()}, {@link ColumnMetadata#totalDigits()})</td><td></td></tr>
 * <tr><td>6</td><td>Boolean</td><td>boolean</td><td></td></tr>
 * <tr><td>7</td><td>DateTime, behaviour DateOnly</td><td>int, logical type date</td><td></td></tr>
 * <tr><td>8</td><td>DateTime, other behaviours</td><td>long, logical type timestamp-millis</td><td></td></tr>
 * <tr><td>9</td><td>Uniqueidentifier</td><td>string, logical type uuid</td><td></td></tr>
 * <tr><td>10</td><td>Lookup, Customer, Owner (LOOKUP)</td><td>string uuid (the id)</td>
 *     <td>{@code <column>_table} string (target table); {@code <column>_name} string, only when the subscription
 *     asks for formatted values</td></tr>
 * <tr><td>11</td><td>Picklist, State, Status (CHOICE)</td><td>int</td><td>{@code <column>_label} string</td></tr>
 * <tr><td>12</td><td>MultiSelectPicklist (MULTI_CHOICE)</td><td>array of int</td>
 *     <td>{@code <column>_labels} array of string</td></tr>
 * <tr><td>13</td><td>anything else (EntityName, Virtual, PartyList, Image, File, ManagedProperty...: OTHER)</td>
 *     <td>string (the value's text)</td><td></td></tr>
 * </table>
 *
 * Field names are the logical names when they are valid Avro names (Dataverse's always are), else
 * {@linkplain AvroNames#escaped escaped}.
 */
final class ColumnMapping {

    /** How a column's value is written. */
    enum Kind { STRING, INT, LONG, DOUBLE, DECIMAL, BOOLEAN, DATE, TIMESTAMP, UUID, LOOKUP, CHOICE, MULTI_CHOICE }

    static final String TABLE = "_table";
    static final String NAME = "_name";
    static final String LABEL = "_label";
    static final String LABELS = "_labels";

    private ColumnMapping() {
    }

    static TypedColumn of(ColumnMetadata column, boolean formattedValues) {
        String name = AvroNames.valid(column.logicalName());
        String doc = "Dataverse " + (column.attributeType() != null ? column.attributeType() : column.type())
                + " column " + column.logicalName();
        return switch (column.type()) {
            case TEXT -> simple(column, Kind.STRING, name, doc, Schema.create(Schema.Type.STRING));
            case INTEGER -> simple(column, Kind.INT, name, doc, Schema.create(Schema.Type.INT));
            case BIGINT -> simple(column, Kind.LONG, name, doc, Schema.create(Schema.Type.LONG));
            case DOUBLE -> simple(column, Kind.DOUBLE, name, doc, Schema.create(Schema.Type.DOUBLE));
            case DECIMAL, MONEY -> decimal(column, name, doc);
            case BOOLEAN -> simple(column, Kind.BOOLEAN, name, doc, Schema.create(Schema.Type.BOOLEAN));
            case DATETIME -> column.dateOnly()
                    ? simple(column, Kind.DATE, name, doc, LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT)))
                    : simple(column, Kind.TIMESTAMP, name, doc,
                            LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)));
            case UNIQUEIDENTIFIER -> simple(column, Kind.UUID, name, doc, uuid());
            case LOOKUP -> lookup(column, name, doc, formattedValues);
            case CHOICE -> new TypedColumn(column.logicalName(), Kind.CHOICE, List.of(
                    field(name, Schema.create(Schema.Type.INT), doc),
                    field(name + LABEL, Schema.create(Schema.Type.STRING), "label of " + column.logicalName())),
                    0, 0);
            case MULTI_CHOICE -> new TypedColumn(column.logicalName(), Kind.MULTI_CHOICE, List.of(
                    field(name, Schema.createArray(Schema.create(Schema.Type.INT)), doc),
                    field(name + LABELS, Schema.createArray(Schema.create(Schema.Type.STRING)),
                            "labels of " + column.logicalName() + ", in the order of its values")), 0, 0);
            case OTHER -> simple(column, Kind.STRING, name, doc, Schema.create(Schema.Type.STRING));
        };
    }

    static Schema uuid() {
        return LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING));
    }

    /** A field that may be null, null by default. */
    static Schema.Field field(String name, Schema type, String doc) {
        return new Schema.Field(name, Schema.createUnion(Schema.create(Schema.Type.NULL), type), doc,
                JsonProperties.NULL_VALUE);
    }

    private static TypedColumn simple(ColumnMetadata column, Kind kind, String name, String doc, Schema type) {
        return new TypedColumn(column.logicalName(), kind, List.of(field(name, type, doc)), 0, 0);
    }

    private static TypedColumn decimal(ColumnMetadata column, String name, String doc) {
        int scale = column.scale();
        int digits = Math.max(column.totalDigits(), Math.max(scale, 1));
        Schema bytes = LogicalTypes.decimal(digits, scale).addToSchema(Schema.create(Schema.Type.BYTES));
        return new TypedColumn(column.logicalName(), Kind.DECIMAL, List.of(field(name, bytes,
                doc + " (exact, scale " + scale + ")")), scale, digits);
    }

    private static TypedColumn lookup(ColumnMetadata column, String name, String doc, boolean formattedValues) {
        List<Schema.Field> fields = new ArrayList<>();
        fields.add(field(name, uuid(), doc + " (id of the row it points to)"));
        fields.add(field(name + TABLE, Schema.create(Schema.Type.STRING),
                "logical name of the table " + column.logicalName() + " points to"));
        if (formattedValues) {
            fields.add(field(name + NAME, Schema.create(Schema.Type.STRING),
                    "primary name of the row " + column.logicalName() + " points to"));
        }
        return new TypedColumn(column.logicalName(), Kind.LOOKUP, fields, 0, 0);
    }
}
