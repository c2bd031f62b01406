package io.crmbridge.action.command;

import java.util.Locale;
import java.util.Optional;

import io.crmbridge.action.table.ColumnKind;

/**
 * Which command values a column accepts, by column kind: the table behind "wrong attribute types". Numbers may
 * widen (an int into a bigint, decimal or double column) but never narrow or lose precision (no double into a
 * money column).
 */
final class ValueChecks {

    private ValueChecks() {
    }

    /** Why {@code value} cannot be written to a column of {@code kind}; empty when it can. */
    static Optional<String> problem(ColumnKind kind, ColumnValue value) {
        if (value instanceof ColumnValue.Empty || kind == ColumnKind.OTHER) {
            return Optional.empty();
        }
        if (value instanceof ColumnValue.Reference) {
            return Optional.of("entity references go in lookups, keyed by navigation property");
        }
        if (value instanceof ColumnValue.Exact exact && !isNumber(exact.value())) {
            return Optional.of("'" + exact.value() + "' is not a decimal number");
        }
        return accepts(kind, value) ? Optional.empty()
                : Optional.of(article(kind.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                        + " column does not take " + article(value.kind()) + " value");
    }

    private static boolean accepts(ColumnKind kind, ColumnValue value) {
        return switch (kind) {
            case TEXT -> value instanceof ColumnValue.Text;
            case INTEGER -> value instanceof ColumnValue.Int32
                    || value instanceof ColumnValue.Int64 l && l.value() == (int) l.value();
            case BIGINT -> value instanceof ColumnValue.Int32 || value instanceof ColumnValue.Int64;
            case DECIMAL, MONEY -> value instanceof ColumnValue.Exact || value instanceof ColumnValue.Int32
                    || value instanceof ColumnValue.Int64;
            case DOUBLE -> value instanceof ColumnValue.Real || value instanceof ColumnValue.Int32
                    || value instanceof ColumnValue.Int64 || value instanceof ColumnValue.Exact;
            case BOOLEAN -> value instanceof ColumnValue.Flag;
            case DATETIME -> value instanceof ColumnValue.Moment;
            case CHOICE -> value instanceof ColumnValue.Choice || value instanceof ColumnValue.Int32;
            case MULTI_CHOICE -> value instanceof ColumnValue.Choices;
            case UNIQUEIDENTIFIER -> value instanceof ColumnValue.Text text && Guids.parse(text.value()).isPresent();
            case LOOKUP, OTHER -> false;
        };
    }

    private static String article(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    private static boolean isNumber(String text) {
        try {
            new java.math.BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
