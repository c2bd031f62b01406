package io.crmbridge.poller.typed;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import io.crmbridge.events.EntityReference;
import io.crmbridge.events.OptionSetValue;
import io.crmbridge.events.OptionSetValues;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Captured rows as records of a table's {@link TypedSchemas}: keys, rows and envelopes, ready for a
 * {@code GenericDatumWriter} (decimals as their bytes, dates as days, timestamps as epoch milliseconds, uuids as
 * strings: no conversions need to be registered to write them).
 *
 * <p>A row's values come as crm-client's {@code RecordParser} typed them (column logical name → {@code AttributeValue}
 * member) with its formatted values (column logical name → text); labels and lookup names come from the values
 * themselves ({@code OptionSetValue.label}, {@code EntityReference.name}) or else from the formatted values, the
 * lookup's table from {@code EntityReference.entity} (Dataverse's {@code lookuplogicalname} annotation, or the
 * lookup's single target). A column the row lacks, and a field kept for a removed column, is null.
 */
public final class TypedValues {

    private final TypedSchemas schemas;
    private final ColumnValues values;

    private TypedValues(TypedSchemas schemas) {
        this.schemas = schemas;
        this.values = new ColumnValues(schemas.names().table());
    }

    public static TypedValues of(TypedSchemas schemas) {
        return new TypedValues(Objects.requireNonNull(schemas, "schemas"));
    }

    /** The key record of row {@code recordId}. */
    public GenericData.Record key(String recordId) {
        GenericData.Record key = new GenericData.Record(schemas.key());
        key.put(0, values.uuid(schemas.primaryKey(), recordId));
        return key;
    }

    /**
     * The row record of one captured row.
     *
     * @throws TypedMappingException.ValueDoesNotFit naming the column, when a value does not fit its field exactly
     */
    public GenericData.Record row(Map<String, Object> attributes, Map<String, String> formattedValues) {
        GenericData.Record row = new GenericData.Record(schemas.row());
        for (TypedColumn column : schemas.columns()) {
            Object value = attributes.get(column.column());
            if (value != null) {
                put(row, column, value, formattedValues.get(column.column()));
            }
        }
        return row;
    }

    /** A row holding only the primary key, the {@code before} of a delete. */
    public GenericData.Record keyOnlyRow(String recordId) {
        GenericData.Record row = new GenericData.Record(schemas.row());
        row.put(AvroNames.valid(schemas.primaryKey()), values.uuid(schemas.primaryKey(), recordId));
        return row;
    }

    /** The envelope of one change; {@code before} and {@code after} are rows of this table or null. */
    public GenericData.Record envelope(Operation op, GenericRecord before, GenericRecord after, ChangeSource source,
                                       Instant processedAt) {
        GenericData.Record envelope = new GenericData.Record(schemas.envelope());
        envelope.put("before", before);
        envelope.put("after", after);
        envelope.put("source", source(source));
        envelope.put("op", op.code());
        envelope.put("ts_ms", processedAt == null ? null : processedAt.toEpochMilli());
        return envelope;
    }

    private GenericData.Record source(ChangeSource source) {
        GenericData.Record record = new GenericData.Record(schemas.source());
        record.put("connector", TypedSchemas.CONNECTOR);
        record.put("connection", source.connection());
        record.put("org", source.org());
        record.put("table", source.table());
        record.put("version", source.version());
        record.put("changedAt", source.changedAt() == null ? null : source.changedAt().toEpochMilli());
        record.put("capture", source.capture());
        record.put("snapshot", source.snapshot().value());
        return record;
    }

    private void put(GenericData.Record row, TypedColumn column, Object value, String formatted) {
        String name = column.column();
        String field = column.valueField();
        switch (column.kind()) {
            case STRING -> row.put(field, values.string(name, value));
            case INT -> row.put(field, values.integer(name, value));
            case LONG -> row.put(field, values.longValue(name, value));
            case DOUBLE -> row.put(field, values.doubleValue(name, value));
            case BOOLEAN -> row.put(field, values.booleanValue(name, value));
            case DECIMAL -> row.put(field, values.decimal(column, nonNull(row.getSchema().getField(field).schema()),
                    value));
            case DATE -> row.put(field, values.date(name, value));
            case TIMESTAMP -> row.put(field, values.timestamp(name, value));
            case UUID -> row.put(field, values.uuid(name, value));
            case LOOKUP -> lookup(row, column, value, formatted);
            case CHOICE -> {
                row.put(field, values.integer(name, value));
                String label = value instanceof OptionSetValue option && option.getLabel() != null
                        ? option.getLabel() : formatted;
                row.put(column.extraField(ColumnMapping.LABEL), label);
            }
            case MULTI_CHOICE -> {
                row.put(field, values.integers(name, value));
                row.put(column.extraField(ColumnMapping.LABELS), values.labels((OptionSetValues) value));
            }
        }
    }

    private void lookup(GenericData.Record row, TypedColumn column, Object value, String formatted) {
        row.put(column.valueField(), values.uuid(column.column(), value));
        if (value instanceof EntityReference reference) {
            String entity = reference.getEntity();
            row.put(column.extraField(ColumnMapping.TABLE), entity == null || entity.isEmpty() ? null : entity);
        }
        String nameField = column.extraField(ColumnMapping.NAME);
        if (nameField != null) {
            String name = value instanceof EntityReference reference && reference.getName() != null
                    ? reference.getName() : formatted;
            row.put(nameField, name);
        }
    }

    private static Schema nonNull(Schema union) {
        return union.getTypes().get(1);
    }
}
