package io.crmbridge.action.command;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A typed column value of a command, as the contract's {@code AttributeValue} union carries it. */
public sealed interface ColumnValue {

    /** How the value is called in messages ("text", "decimal"...). */
    String kind();

    /** Clears the column. */
    record Empty() implements ColumnValue {
        public String kind() {
            return "null";
        }
    }

    record Text(String value) implements ColumnValue {
        public String kind() {
            return "text";
        }
    }

    record Flag(boolean value) implements ColumnValue {
        public String kind() {
            return "boolean";
        }
    }

    record Int32(int value) implements ColumnValue {
        public String kind() {
            return "int";
        }
    }

    record Int64(long value) implements ColumnValue {
        public String kind() {
            return "long";
        }
    }

    record Real(double value) implements ColumnValue {
        public String kind() {
            return "double";
        }
    }

    /** An exact decimal as text (the contract's DecimalValue); checked to be a number by validation. */
    record Exact(String value) implements ColumnValue {
        public String kind() {
            return "decimal";
        }

        BigDecimal number() {
            return new BigDecimal(value);
        }
    }

    record Moment(Instant value) implements ColumnValue {
        public String kind() {
            return "datetime";
        }
    }

    record Reference(RecordReference value) implements ColumnValue {
        public String kind() {
            return "entity reference";
        }
    }

    record Choice(int value) implements ColumnValue {
        public String kind() {
            return "option set value";
        }
    }

    record Choices(List<Integer> values) implements ColumnValue {
        public Choices {
            values = List.copyOf(values);
        }

        public String kind() {
            return "option set values";
        }
    }
}
