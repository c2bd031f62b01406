package io.crmbridge.crm.record;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.events.DateTimeValue;
import io.crmbridge.events.DecimalValue;
import io.crmbridge.events.EntityReference;
import io.crmbridge.events.OptionSetValue;
import io.crmbridge.events.OptionSetValues;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The reverse of {@link RecordParser}: Avro {@code AttributeValue}s to a Web API JSON body for create, update or
 * upsert (reference §3). Lookups ({@code EntityReference}s, in the attributes or the separate lookups map) become
 * {@code "<navigation>@odata.bind": "/<entityset>(<id>)"}, which needs the table's navigation properties and the
 * target tables' entity set names (both from {@code EntityDefinitions}); a null lookup in the lookups map clears
 * it. Decimals are written from their text, so no digit is lost.
 */
public final class RecordWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private final TableMetadata table;
    private final Map<String, String> entitySets;

    /** @param entitySets table logical name → entity set name, for every table a lookup may point to */
    public RecordWriter(TableMetadata table, Map<String, String> entitySets) {
        this.table = table;
        this.entitySets = Map.copyOf(entitySets);
    }

    /**
     * @throws UnwritableValue when a value is not an {@code AttributeValue} member, or a lookup's table is unknown
     */
    public byte[] write(Map<String, ?> attributes, Map<String, EntityReference> lookups) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            for (Map.Entry<String, ?> attribute : attributes.entrySet()) {
                write(json, attribute.getKey(), attribute.getValue());
            }
            for (Map.Entry<String, EntityReference> lookup : lookups.entrySet()) {
                bind(json, lookup.getKey(), lookup.getValue());
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /** The {@code @odata.bind} / {@code @odata.id} reference of a row: {@code /contacts(<id>)}. */
    public String reference(EntityReference target) {
        String set = entitySets.get(target.getEntity());
        if (set == null) {
            throw new UnwritableValue("no entity set known for table '" + target.getEntity() + "'");
        }
        return "/" + set + "(" + target.getId() + ")";
    }

    private void write(JsonGenerator json, String column, Object value) {
        if (value instanceof EntityReference reference) {
            bind(json, column, reference);
            return;
        }
        json.writeName(column);
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof String || value instanceof CharSequence) {
            json.writeString(value.toString());
        } else if (value instanceof DecimalValue decimal) {
            json.writeNumber(decimal(column, decimal.getValue()));
        } else if (value instanceof DateTimeValue dateTime) {
            json.writeString(dateTime.getValue().toString());
        } else if (value instanceof OptionSetValue option) {
            json.writeNumber(option.getValue());
        } else if (value instanceof OptionSetValues options) {
            json.writeString(joined(options.getValues()));
        } else {
            throw new UnwritableValue("column '" + column + "' has a " + value.getClass().getSimpleName()
                    + ", which is not an AttributeValue");
        }
    }

    private void bind(JsonGenerator json, String column, EntityReference target) {
        if (target == null) {
            // Clearing a lookup: its navigation property cannot be known without a target, the column name works.
            json.writeName(table.navigationFor(column, "") + "@odata.bind");
            json.writeNull();
            return;
        }
        json.writeName(table.navigationFor(column, target.getEntity()) + "@odata.bind");
        json.writeString(reference(target));
    }

    private static String decimal(String column, String text) {
        try {
            return new java.math.BigDecimal(text).toPlainString();
        } catch (NumberFormatException e) {
            throw new UnwritableValue("column '" + column + "' has a DecimalValue that is not a number");
        }
    }

    private static String joined(List<OptionSetValue> options) {
        StringJoiner joined = new StringJoiner(",");
        options.forEach(option -> joined.add(Integer.toString(option.getValue())));
        return joined.toString();
    }

    /** A value that cannot be written to the Web API; its message names the column and the problem. */
    public static final class UnwritableValue extends RuntimeException {
        public UnwritableValue(String message) {
            super(message);
        }
    }
}
