package io.crmbridge.sandbox.dataverse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The {@code OData.Community.Display.V1.FormattedValue} of a column value, as Dataverse shows it to a user with
 * en-US settings in UTC: choice labels, "Yes"/"No", {@code $20,000.00}, {@code 1,250}, {@code 4/7/2023 2:59 PM}.
 * Not thread-safe (DecimalFormat): one per response.
 */
final class FormattedValues {

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm a", Locale.US).withZone(ZoneOffset.UTC);
    private final DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.US);
    private final DecimalFormat integer = new DecimalFormat("#,##0", symbols);
    private final DecimalFormat real = new DecimalFormat("#,##0.#####", symbols);

    /** The formatted value, or null when Dataverse gives none (text, GUIDs, nulls; lookups are done elsewhere). */
    String format(Column column, Object value) {
        if (value == null) {
            return null;
        }
        return switch (column.type()) {
            case CHOICE, STATE, STATUS -> column.options().get(value);
            case MULTI_CHOICE -> labels(column, (int[]) value);
            case BOOLEAN -> (Boolean) value ? "Yes" : "No";
            case MONEY -> money((BigDecimal) value, column.precision());
            case DECIMAL -> decimal((BigDecimal) value, column.precision());
            case INTEGER -> integer.format(value);
            case DOUBLE -> real.format(value);
            case DATETIME -> DATE_TIME.format((Instant) value);
            default -> null;
        };
    }

    private String money(BigDecimal amount, int precision) {
        String digits = decimal(amount.abs(), precision);
        return amount.signum() < 0 ? "-$" + digits : "$" + digits;
    }

    private String decimal(BigDecimal amount, int precision) {
        DecimalFormat format = new DecimalFormat(precision == 0 ? "#,##0" : "#,##0." + "0".repeat(precision), symbols);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(amount);
    }

    private static String labels(Column column, int[] options) {
        StringJoiner labels = new StringJoiner("; ");
        for (int option : options) {
            labels.add(column.options().get(option));
        }
        return labels.toString();
    }
}
