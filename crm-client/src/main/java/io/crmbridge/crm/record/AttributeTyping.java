package io.crmbridge.crm.record;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.crmbridge.crm.metadata.ColumnType;
import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.events.DateTimeValue;
import io.crmbridge.events.DecimalValue;
import io.crmbridge.events.EntityReference;
import io.crmbridge.events.OptionSetValue;
import io.crmbridge.events.OptionSetValues;
import tools.jackson.core.JsonToken;

/**
 * Turns one raw JSON value into the Avro {@code AttributeValue} member it stands for. The column type from the
 * table metadata decides when known; otherwise the JSON type and the annotations do:
 *
 * <ul>
 * <li>{@code _x_value} with {@code lookuplogicalname} → {@code EntityReference} (name from the formatted value)</li>
 * <li>integer with a formatted value holding a letter → {@code OptionSetValue} (a choice label), else Integer or
 *     Long</li>
 * <li>number with a fraction → {@code DecimalValue}, exactly as written (money and decimal; a Floating Point
 *     column needs metadata to become a Double)</li>
 * <li>{@code "1,2"} with a formatted value → {@code OptionSetValues}; an ISO date-time → {@code DateTimeValue};
 *     other strings stay strings</li>
 * </ul>
 */
final class AttributeTyping {

    private static final String LABEL_SEPARATOR = "; ";

    private final TableMetadata table;

    AttributeTyping(TableMetadata table) {
        this.table = table;
    }

    Object value(Property property, JsonToken token, String text, String label) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        ColumnType type = property.type();
        if (token == JsonToken.VALUE_STRING) {
            return string(type, text, label);
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return integral(type, text, label);
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            return type == ColumnType.DOUBLE ? (Object) Double.parseDouble(text) : decimal(text);
        }
        return null;
    }

    EntityReference lookup(Property property, String id, String targetTable, String name) {
        if (id == null) {
            return null;
        }
        String entity = targetTable != null ? targetTable : soleTarget(property.column());
        return new EntityReference(entity, guid(id), name);
    }

    /** GUIDs in the contracts are lower case; Dataverse already writes them so (no copy then). */
    static String guid(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private Object string(ColumnType type, String text, String label) {
        if (type == null) {
            if (label != null && isOptionList(text)) {
                return options(text, label);
            }
            if (DateTimes.looksLikeDateTime(text)) {
                try {
                    return dateTime(text);
                } catch (DateTimeParseException notADate) {
                    return text;
                }
            }
            return text;
        }
        return switch (type) {
            case DATETIME -> dateTime(text);
            case MULTI_CHOICE -> options(text, label);
            case DECIMAL, MONEY -> decimal(text);
            case BIGINT -> Long.parseLong(text);
            case INTEGER -> Integer.parseInt(text);
            case DOUBLE -> Double.parseDouble(text);
            case UNIQUEIDENTIFIER -> guid(text);
            default -> text;
        };
    }

    private Object integral(ColumnType type, String text, String label) {
        if (type == null || type == ColumnType.OTHER) {
            if (label != null && hasLetter(label)) {
                return new OptionSetValue(Integer.parseInt(text), label);
            }
            long value = Long.parseLong(text);
            return value == (int) value ? (Object) (int) value : (Object) value;
        }
        return switch (type) {
            case CHOICE -> new OptionSetValue(Integer.parseInt(text), label);
            case BIGINT -> Long.parseLong(text);
            case DECIMAL, MONEY -> new DecimalValue(text);
            case DOUBLE -> Double.parseDouble(text);
            default -> {
                long value = Long.parseLong(text);
                yield value == (int) value ? (Object) (int) value : (Object) value;
            }
        };
    }

    private static DateTimeValue dateTime(String text) {
        return new DateTimeValue(Instant.ofEpochMilli(DateTimes.epochMillis(text)));
    }

    /** The JSON number text, unchanged unless it has an exponent (DecimalValue allows none). */
    private static DecimalValue decimal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'e' || c == 'E') {
                return new DecimalValue(new BigDecimal(text).toPlainString());
            }
        }
        return new DecimalValue(text);
    }

    /** A multi-select value {@code "100000000,100000001"}, labels from {@code "EMEA; Americas"}. */
    private static OptionSetValues options(String text, String label) {
        List<OptionSetValue> values = new ArrayList<>();
        if (!text.isBlank()) {
            String[] parts = text.split(",");
            String[] labels = label == null ? new String[0] : label.split(LABEL_SEPARATOR);
            for (int i = 0; i < parts.length; i++) {
                values.add(new OptionSetValue(Integer.parseInt(parts[i].trim()),
                        labels.length == parts.length ? labels[i] : null));
            }
        }
        return new OptionSetValues(values);
    }

    private String soleTarget(String column) {
        Map<String, String> targets = table.navigations().get(column);
        // Without the lookuplogicalname annotation and a single known target, the table is unknown.
        return targets != null && targets.size() == 1 ? targets.keySet().iterator().next() : "";
    }

    private static boolean isOptionList(String text) {
        if (text.isEmpty() || text.charAt(0) == ',' || text.charAt(text.length() - 1) == ',') {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && c != ',') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLetter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
