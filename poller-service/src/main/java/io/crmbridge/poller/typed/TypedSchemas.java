package io.crmbridge.poller.typed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.crmbridge.crm.metadata.ColumnMetadata;
import io.crmbridge.crm.metadata.ColumnType;
import io.crmbridge.crm.metadata.TableMetadata;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The Avro schemas of one connection's table on its typed change topic, built from the table's metadata, in
 * Debezium's shape (names from {@link SchemaNames}):
 * <ul>
 * <li>{@link #key()}: {@code <ns>.Key} with the primary key, a string of logical type uuid (not null);</li>
 * <li>{@link #row()}: {@code <ns>.Value}, the {@code before}/{@code after} record: the primary key first, then one
 *     field (or a few, see {@link ColumnMapping}) per selected column in logical name order, every one nullable with
 *     default null;</li>
 * <li>{@link #source()}: {@code io.crmbridge.Source}, where a change comes from;</li>
 * <li>{@link #envelope()}: {@code <ns>.Envelope} {@code {before, after, source, op, ts_ms}}.</li>
 * </ul>
 * Immutable; {@link #evolved} gives the schemas of new metadata that still read and are read by an earlier row
 * schema.
 */
public final class TypedSchemas {

    /** {@code source.connector} of every typed change. */
    public static final String CONNECTOR = "crm-bridge";

    private static final Schema SOURCE = sourceSchema();

    private final SchemaNames names;
    private final String primaryKey;
    private final List<TypedColumn> columns;
    private final Schema key;
    private final Schema row;
    private final Schema envelope;

    private TypedSchemas(SchemaNames names, String primaryKey, List<TypedColumn> columns, List<Schema.Field> fields) {
        this.names = names;
        this.primaryKey = primaryKey;
        this.columns = List.copyOf(columns);
        this.key = Schema.createRecord(names.key(), "Primary key of a " + names.table() + " row", null, false,
                List.of(new Schema.Field(AvroNames.valid(primaryKey), ColumnMapping.uuid(), "the row's id")));
        this.row = Schema.createRecord(names.value(), "A " + names.table() + " row of connection "
                + names.connection().value() + "; every column nullable", null, false, fields);
        this.envelope = envelope(names, row);
    }

    /**
     * The schemas of {@code table} for the columns {@code columns} (empty: every column the metadata names, except
     * those that only mirror another, such as a lookup's name column); the primary key is always in the row.
     *
     * @param formattedValues whether rows come with formatted values: lookups then get a {@code <column>_name}
     * @throws IllegalArgumentException when a selected column is not in the metadata, or two columns would have a
     *                                  field of the same name
     */
    public static TypedSchemas of(SchemaNames names, TableMetadata table, List<String> columns,
                                  boolean formattedValues) {
        Objects.requireNonNull(names, "names");
        String primaryKey = table.primaryIdAttribute();
        List<TypedColumn> typed = new ArrayList<>();
        typed.add(ColumnMapping.of(table.describe(primaryKey)
                .orElse(ColumnMetadata.of(primaryKey, ColumnType.UNIQUEIDENTIFIER)), formattedValues));
        for (ColumnMetadata column : selected(table, columns)) {
            if (!column.logicalName().equals(primaryKey)) {
                typed.add(ColumnMapping.of(column, formattedValues));
            }
        }
        List<Schema.Field> fields = new ArrayList<>();
        Map<String, String> owners = new HashMap<>();
        for (TypedColumn column : typed) {
            for (Schema.Field field : column.fields()) {
                String owner = owners.putIfAbsent(field.name(), column.column());
                if (owner != null) {
                    throw new IllegalArgumentException("columns " + owner + " and " + column.column() + " of "
                            + table.logicalName() + " would both have field " + field.name());
                }
                fields.add(copy(field));
            }
        }
        return new TypedSchemas(names, primaryKey, typed, fields);
    }

    /**
     * These schemas, with the row keeping every field of {@code previousRow} (the row schema last registered for
     * the table): a field of a column no longer in the metadata stays, and is null from now on; fields of new columns
     * follow the previous ones. A reader of either row schema reads data written with the other (both are nullable
     * with default null).
     *
     * @throws TypedMappingException.ColumnTypeChanged when a column's field differs from its previous field (another
     *                                                 type, scale or precision): no compatible schema holds both
     * @throws IllegalArgumentException                when {@code previousRow} is not a row schema of this table
     */
    public TypedSchemas evolved(Schema previousRow) {
        if (previousRow.getType() != Schema.Type.RECORD || !previousRow.getFullName().equals(names.value())) {
            throw new IllegalArgumentException("not a row schema of " + names.value() + ": "
                    + previousRow.getFullName());
        }
        Map<String, Schema.Field> current = new LinkedHashMap<>();
        row.getFields().forEach(field -> current.put(field.name(), field));
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field previous : previousRow.getFields()) {
            Schema.Field now = current.remove(previous.name());
            if (now != null && !now.schema().equals(previous.schema())) {
                throw new TypedMappingException.ColumnTypeChanged(names.table(), columnOf(previous.name()),
                        "field " + previous.name() + " was " + previous.schema() + ", the metadata now gives "
                                + now.schema());
            }
            fields.add(copy(now != null ? now : previous));
        }
        current.values().forEach(field -> fields.add(copy(field)));
        return new TypedSchemas(names, primaryKey, columns, fields);
    }

    /** The key record: the table's primary key. */
    public Schema key() {
        return key;
    }

    /** The row record, {@code before} and {@code after} of the envelope. */
    public Schema row() {
        return row;
    }

    /** The source record of the envelope. */
    public Schema source() {
        return SOURCE;
    }

    /** The envelope, the value of every typed change record. */
    public Schema envelope() {
        return envelope;
    }

    public SchemaNames names() {
        return names;
    }

    /** The primary key column's logical name. */
    public String primaryKey() {
        return primaryKey;
    }

    List<TypedColumn> columns() {
        return columns;
    }

    private String columnOf(String field) {
        for (TypedColumn column : columns) {
            if (column.fields().stream().anyMatch(f -> f.name().equals(field))) {
                return column.column();
            }
        }
        return field;
    }

    private static List<ColumnMetadata> selected(TableMetadata table, List<String> columns) {
        if (columns.isEmpty()) {
            return table.describedColumns().stream().filter(column -> !column.derived()).toList();
        }
        return columns.stream().sorted().distinct().map(name -> table.describe(name).orElseThrow(
                () -> new IllegalArgumentException("column " + name + " is not in the metadata of "
                        + table.logicalName()))).toList();
    }

    private static Schema.Field copy(Schema.Field field) {
        // A field belongs to one record schema: every schema gets its own copies.
        return new Schema.Field(field, field.schema());
    }

    private static Schema envelope(SchemaNames names, Schema row) {
        Schema optionalRow = Schema.createUnion(Schema.create(Schema.Type.NULL), row);
        return Schema.createRecord(names.envelope(), "A change of a " + names.table() + " row, in Debezium's "
                + "envelope", null, false, List.of(
                new Schema.Field("before", optionalRow, "the row before the change: on deletes at least its key; "
                        + "null when not known", JsonProperties.NULL_VALUE),
                new Schema.Field("after", optionalRow, "the row after the change; null on deletes",
                        JsonProperties.NULL_VALUE),
                new Schema.Field("source", SOURCE, "where the change comes from"),
                new Schema.Field("op", Schema.create(Schema.Type.STRING),
                        "c (created), u (updated), d (deleted), r (read by a snapshot)"),
                ColumnMapping.field("ts_ms", Schema.create(Schema.Type.LONG),
                        "when CRM Bridge processed the change, epoch milliseconds")));
    }

    private static Schema sourceSchema() {
        Schema string = Schema.create(Schema.Type.STRING);
        Schema snapshot = Schema.createUnion(string, Schema.create(Schema.Type.NULL));
        return Schema.createRecord("io.crmbridge.Source", "Where a typed change comes from (Debezium's source "
                + "block)", null, false, List.of(
                new Schema.Field("connector", string, "always " + CONNECTOR),
                new Schema.Field("connection", string, "the connection id"),
                new Schema.Field("org", string, "the Dataverse organisation URL"),
                new Schema.Field("table", string, "the table's logical name"),
                ColumnMapping.field("version", Schema.create(Schema.Type.LONG),
                        "the row's versionnumber; null on deletes or when not known"),
                ColumnMapping.field("changedAt", LogicalTypes.timestampMillis().addToSchema(
                        Schema.create(Schema.Type.LONG)), "the row's modifiedon; null on deletes"),
                new Schema.Field("capture", string, "CHANGE_TRACKING or MODIFIED_ON"),
                new Schema.Field("snapshot", snapshot, "true, last (the last row of a snapshot) or false, as "
                        + "Debezium", "false")));
    }
}
