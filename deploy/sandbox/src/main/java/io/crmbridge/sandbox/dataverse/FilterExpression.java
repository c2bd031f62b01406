package io.crmbridge.sandbox.dataverse;

import java.math.BigDecimal;
import java.util.Locale;


/**
 * A parsed {@code $filter}: comparisons ({@code eq ne gt ge lt le}) of a column with a literal, {@code and},
 * {@code or}, {@code not}, parentheses, and {@code contains/startswith/endswith}. Text compares
 * case-insensitively and a null column matches only {@code eq null}, as in Dataverse's SQL.
 */
sealed interface FilterExpression {

    boolean test(Row row);

    /** Matches every row (no {@code $filter}). */
    FilterExpression ALL = new All();

    static FilterExpression parse(TableDefinition table, String text) {
        return new FilterParser(table, text).parse();
    }

    record All() implements FilterExpression {
        @Override
        public boolean test(Row row) {
            return true;
        }
    }

    record And(FilterExpression left, FilterExpression right) implements FilterExpression {
        @Override
        public boolean test(Row row) {
            return left.test(row) && right.test(row);
        }
    }

    record Or(FilterExpression left, FilterExpression right) implements FilterExpression {
        @Override
        public boolean test(Row row) {
            return left.test(row) || right.test(row);
        }
    }

    record Not(FilterExpression inner) implements FilterExpression {
        @Override
        public boolean test(Row row) {
            return !inner.test(row);
        }
    }

    /** {@code column op value}; {@code value} is null for the literal null. */
    record Comparison(int column, String operator, Object value) implements FilterExpression {
        @Override
        public boolean test(Row row) {
            Object actual = row.value(column);
            if (actual instanceof RecordRef ref) {
                actual = ref.id();
            }
            if (value == null) {
                return operator.equals("eq") ? actual == null : operator.equals("ne") && actual != null;
            }
            if (actual == null) {
                return false;
            }
            int order = compare(actual, value);
            return switch (operator) {
                case "eq" -> order == 0;
                case "ne" -> order != 0;
                case "gt" -> order > 0;
                case "ge" -> order >= 0;
                case "lt" -> order < 0;
                default -> order <= 0;
            };
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        static int compare(Object actual, Object value) {
            if (actual instanceof String text) {
                return String.CASE_INSENSITIVE_ORDER.compare(text, (String) value);
            }
            if (actual instanceof Integer || actual instanceof Long) {
                return new BigDecimal(((Number) actual).longValue()).compareTo((BigDecimal) value);
            }
            if (actual instanceof Double number) {
                return Double.compare(number, ((BigDecimal) value).doubleValue());
            }
            return ((Comparable) actual).compareTo(value);
        }
    }

    /** {@code contains(col,'x')}, {@code startswith(...)}, {@code endswith(...)}, case-insensitive. */
    record TextFunction(String function, int column, String text) implements FilterExpression {
        @Override
        public boolean test(Row row) {
            if (!(row.value(column) instanceof String value)) {
                return false;
            }
            String haystack = value.toLowerCase(Locale.ROOT);
            String needle = text.toLowerCase(Locale.ROOT);
            return switch (function) {
                case "contains" -> haystack.contains(needle);
                case "startswith" -> haystack.startsWith(needle);
                default -> haystack.endsWith(needle);
            };
        }
    }
}
