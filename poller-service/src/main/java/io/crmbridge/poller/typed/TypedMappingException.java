package io.crmbridge.poller.typed;

import java.util.Objects;

/**
 * A column that the typed schema cannot carry faithfully: a value that does not fit its field, or a column whose type
 * changed so that the registered schema can no longer hold it. Never a silent change: the capture stops the
 * subscription ({@code CAPTURE_FAILING}) naming {@link #column()}. Messages name the column and the shape, never the
 * value (rows may hold personal data).
 */
public abstract sealed class TypedMappingException extends RuntimeException
        permits TypedMappingException.ValueDoesNotFit, TypedMappingException.ColumnTypeChanged {

    private final String table;
    private final String column;

    TypedMappingException(String table, String column, String message) {
        super(table + "." + column + ": " + message);
        this.table = Objects.requireNonNull(table, "table");
        this.column = Objects.requireNonNull(column, "column");
    }

    /** The table's logical name. */
    public String table() {
        return table;
    }

    /** The column's logical name. */
    public String column() {
        return column;
    }

    /** A value that its column's field cannot hold exactly: too many decimals or digits, or of another kind. */
    public static final class ValueDoesNotFit extends TypedMappingException {
        ValueDoesNotFit(String table, String column, String message) {
            super(table, column, message);
        }
    }

    /** A column whose field in the new metadata differs from the field the previous schema gave it. */
    public static final class ColumnTypeChanged extends TypedMappingException {
        ColumnTypeChanged(String table, String column, String message) {
            super(table, column, message);
        }
    }
}
