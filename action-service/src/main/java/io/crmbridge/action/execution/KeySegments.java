package io.crmbridge.action.execution;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import io.crmbridge.action.command.ColumnValue;

/**
 * The key segment of a row URL by alternate key: {@code accountnumber='A-1'}, {@code code=7},
 * {@code _primarycontactid_value=<guid>}; strings quoted with {@code ''} for a quote, then percent-encoded where a
 * URL path needs it.
 */
final class KeySegments {

    private KeySegments() {
    }

    static String of(Map<String, ColumnValue> key) {
        return key.entrySet().stream().map(part -> name(part.getKey(), part.getValue()) + "="
                + literal(part.getValue())).collect(Collectors.joining(","));
    }

    private static String name(String column, ColumnValue value) {
        return value instanceof ColumnValue.Reference ? "_" + column + "_value" : column;
    }

    private static String literal(ColumnValue value) {
        if (value instanceof ColumnValue.Text text) {
            return encode("'" + text.value().replace("'", "''") + "'");
        }
        if (value instanceof ColumnValue.Int32 number) {
            return String.valueOf(number.value());
        }
        if (value instanceof ColumnValue.Int64 number) {
            return String.valueOf(number.value());
        }
        if (value instanceof ColumnValue.Exact exact) {
            return new java.math.BigDecimal(exact.value()).toPlainString();
        }
        if (value instanceof ColumnValue.Choice choice) {
            return String.valueOf(choice.value());
        }
        if (value instanceof ColumnValue.Flag flag) {
            return String.valueOf(flag.value());
        }
        if (value instanceof ColumnValue.Moment moment) {
            return encode(moment.value().toString());
        }
        if (value instanceof ColumnValue.Reference reference) {
            return reference.value().id();
        }
        throw new IllegalArgumentException("not a key value: " + value.kind());
    }

    /** Percent-encodes everything but unreserved characters and the quote, as a path segment requires. */
    private static String encode(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 8);
        for (byte b : literal.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~'".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
