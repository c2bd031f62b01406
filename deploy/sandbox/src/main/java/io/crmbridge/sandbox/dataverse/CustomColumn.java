package io.crmbridge.sandbox.dataverse;

import java.util.List;
import java.util.Map;

/**
 * A custom column a maker adds to a table at runtime ({@link Org#addColumn}): a logical name with a publisher
 * prefix ({@code cr123_tier}) and one of the types a maker can pick, with the settings Dataverse asks for (maximum
 * length of text, precision of decimal and money, the options of a choice). Lookups are not offered: they need a
 * relationship, which the sandbox cannot create at runtime.
 */
public final class CustomColumn {

    /** Dataverse's ranges: decimal 0..10 digits after the point, money 0..4. */
    private static final int MAX_DECIMAL_PRECISION = 10;
    private static final int MAX_MONEY_PRECISION = 4;

    private final Column column;

    private CustomColumn(Column column) {
        if (!column.logicalName().matches("[a-z][a-z0-9]*_[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a custom column logical name (a publisher prefix, _, lower case"
                    + " letters, digits): " + column.logicalName());
        }
        this.column = column;
    }

    public static CustomColumn text(String logicalName, int maxLength) {
        return new CustomColumn(Column.text(logicalName, logicalName, positive(logicalName, maxLength)));
    }

    public static CustomColumn memo(String logicalName, int maxLength) {
        return new CustomColumn(Column.memo(logicalName, logicalName, positive(logicalName, maxLength)));
    }

    public static CustomColumn decimal(String logicalName, int precision) {
        return new CustomColumn(Column.decimal(logicalName, logicalName,
                precision(logicalName, precision, MAX_DECIMAL_PRECISION)));
    }

    public static CustomColumn money(String logicalName, int precision) {
        return new CustomColumn(new Column(logicalName, logicalName, ColumnType.MONEY, 0,
                precision(logicalName, precision, MAX_MONEY_PRECISION), Map.of(), List.of(), true));
    }

    /** A choice (Picklist) column with its options, value to label, in display order. */
    public static CustomColumn choice(String logicalName, Map<Integer, String> options) {
        return new CustomColumn(Column.choice(logicalName, logicalName, ColumnType.CHOICE, options(logicalName,
                options)));
    }

    public static CustomColumn multiChoice(String logicalName, Map<Integer, String> options) {
        return new CustomColumn(Column.choice(logicalName, logicalName, ColumnType.MULTI_CHOICE,
                options(logicalName, options)));
    }

    /** A column without settings: {@code Integer}, {@code BigInt}, {@code Double}, {@code Boolean}, {@code DateTime}. */
    public static CustomColumn of(String logicalName, String attributeType) {
        ColumnType type = switch (attributeType) {
            case "Integer" -> ColumnType.INTEGER;
            case "BigInt" -> ColumnType.BIGINT;
            case "Double" -> ColumnType.DOUBLE;
            case "Boolean" -> ColumnType.BOOLEAN;
            case "DateTime" -> ColumnType.DATETIME;
            default -> throw new IllegalArgumentException("attribute type " + attributeType + " needs settings or is"
                    + " not offered; use one of Integer, BigInt, Double, Boolean, DateTime, String, Memo, Decimal,"
                    + " Money, Picklist, MultiSelectPicklist");
        };
        return new CustomColumn(Column.of(logicalName, logicalName, type));
    }

    public String logicalName() {
        return column.logicalName();
    }

    Column column() {
        return column;
    }

    private static int positive(String name, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException(name + ": maximum length must be at least 1, not " + maxLength);
        }
        return maxLength;
    }

    private static int precision(String name, int precision, int max) {
        if (precision < 0 || precision > max) {
            throw new IllegalArgumentException(name + ": precision must be 0.." + max + ", not " + precision);
        }
        return precision;
    }

    private static Map<Integer, String> options(String name, Map<Integer, String> options) {
        if (options.isEmpty()) {
            throw new IllegalArgumentException(name + ": a choice column needs at least one option");
        }
        return options;
    }
}
