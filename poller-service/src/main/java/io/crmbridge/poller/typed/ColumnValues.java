package io.crmbridge.poller.typed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.crmbridge.events.DateTimeValue;
import io.crmbridge.events.DecimalValue;
import io.crmbridge.events.EntityReference;
import io.crmbridge.events.OptionSetValue;
import io.crmbridge.events.OptionSetValues;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * One column value as crm-client's {@code RecordParser} typed it ({@code AttributeValue} members: Boolean, Integer,
 * Long, Double, String, {@code DecimalValue}, {@code DateTimeValue}, {@code EntityReference}, {@code OptionSetValue},
 * {@code OptionSetValues}) turned into the value of its Avro field. Exact or refused: a value the field cannot hold
 * as it is is a {@link TypedMappingException.ValueDoesNotFit}, never rounded, truncated or wrapped.
 */
final class ColumnValues {

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private final String table;

    ColumnValues(String table) {
        this.table = table;
    }

    String string(String column, Object value) {
        if (value instanceof DecimalValue decimal) {
            return decimal.getValue();
        }
        if (value instanceof DateTimeValue dateTime) {
            return dateTime.getValue().toString();
        }
        if (value instanceof EntityReference reference) {
            return reference.getId();
        }
        if (value instanceof OptionSetValue option) {
            return Integer.toString(option.getValue());
        }
        if (value instanceof OptionSetValues options) {
            return String.join(",", options.getValues().stream()
                    .map(option -> Integer.toString(option.getValue())).toList());
        }
        return value.toString();
    }

    int integer(String column, Object value) {
        long number = longValue(column, value);
        if (number != (int) number) {
            throw doesNotFit(column, "a whole number beyond int");
        }
        return (int) number;
    }

    long longValue(String column, Object value) {
        if (value instanceof Integer number) {
            return number;
        }
        if (value instanceof Long number) {
            return number;
        }
        if (value instanceof OptionSetValue option) {
            return option.getValue();
        }
        throw wrongKind(column, "a whole number", value);
    }

    double doubleValue(String column, Object value) {
        if (value instanceof Number number && !(value instanceof BigDecimal)) {
            return number.doubleValue();
        }
        if (value instanceof DecimalValue decimal) {
            return Double.parseDouble(decimal.getValue());
        }
        throw wrongKind(column, "a number", value);
    }

    boolean booleanValue(String column, Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw wrongKind(column, "true or false", value);
    }

    /** The decimal at the column's scale exactly, as Avro's decimal bytes; more decimals or digits do not fit. */
    ByteBuffer decimal(TypedColumn column, Schema bytes, Object value) {
        BigDecimal number;
        if (value instanceof DecimalValue decimal) {
            number = new BigDecimal(decimal.getValue());
        } else if (value instanceof Integer || value instanceof Long) {
            number = BigDecimal.valueOf(((Number) value).longValue());
        } else {
            throw wrongKind(column.column(), "a decimal number", value);
        }
        BigDecimal scaled;
        try {
            scaled = number.setScale(column.scale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException moreDecimals) {
            throw doesNotFit(column.column(), "a value with " + number.stripTrailingZeros().scale()
                    + " decimals does not fit scale " + column.scale());
        }
        if (scaled.precision() > column.digits()) {
            throw doesNotFit(column.column(), "a value of " + scaled.precision() + " digits does not fit precision "
                    + column.digits() + " (scale " + column.scale() + ")");
        }
        return DECIMALS.toBytes(scaled, bytes, LogicalTypes.decimal(column.digits(), column.scale()));
    }

    long timestamp(String column, Object value) {
        return instant(column, value).toEpochMilli();
    }

    /** Days since 1970-01-01 of a date-only value, which Dataverse writes as {@code 2023-04-07} (midnight UTC). */
    int date(String column, Object value) {
        long millis = instant(column, value).toEpochMilli();
        if (Math.floorMod(millis, MILLIS_PER_DAY) != 0) {
            throw doesNotFit(column, "a date-only column holds a time of day");
        }
        return Math.toIntExact(Math.floorDiv(millis, MILLIS_PER_DAY));
    }

    String uuid(String column, Object value) {
        String text = value instanceof EntityReference reference ? reference.getId() : string(column, value);
        try {
            java.util.UUID.fromString(text);
        } catch (IllegalArgumentException notAGuid) {
            throw doesNotFit(column, "not a GUID");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    List<Integer> integers(String column, Object value) {
        if (!(value instanceof OptionSetValues options)) {
            throw wrongKind(column, "a list of choices", value);
        }
        List<Integer> values = new ArrayList<>(options.getValues().size());
        options.getValues().forEach(option -> values.add(option.getValue()));
        return values;
    }

    /** The labels of a multi-select value, or null unless every value has one. */
    List<String> labels(OptionSetValues options) {
        List<String> labels = new ArrayList<>(options.getValues().size());
        for (OptionSetValue option : options.getValues()) {
            if (option.getLabel() == null) {
                return null;
            }
            labels.add(option.getLabel());
        }
        return labels;
    }

    private Instant instant(String column, Object value) {
        if (value instanceof DateTimeValue dateTime) {
            return dateTime.getValue();
        }
        throw wrongKind(column, "a date and time", value);
    }

    private TypedMappingException.ValueDoesNotFit doesNotFit(String column, String why) {
        return new TypedMappingException.ValueDoesNotFit(table, column, why);
    }

    private TypedMappingException.ValueDoesNotFit wrongKind(String column, String expected, Object value) {
        return doesNotFit(column, "expected " + expected + ", got a " + value.getClass().getSimpleName());
    }
}
