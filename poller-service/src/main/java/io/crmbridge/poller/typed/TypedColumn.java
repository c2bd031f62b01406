package io.crmbridge.poller.typed;

import java.util.List;

import org.apache.avro.Schema;

/**
 * One column as the row schema carries it: its kind and the fields it has (its value field first, then the extra
 * fields of its kind: {@code _table}/{@code _name}, {@code _label}, {@code _labels}).
 *
 * @param column the column's logical name
 * @param kind   how its values are written
 * @param fields its fields, every one nullable with default null
 * @param scale  decimals: digits after the point; 0 otherwise
 * @param digits decimals: all digits (Avro's precision); 0 otherwise
 */
record TypedColumn(String column, ColumnMapping.Kind kind, List<Schema.Field> fields, int scale, int digits) {

    TypedColumn {
        fields = List.copyOf(fields);
    }

    String valueField() {
        return fields.get(0).name();
    }

    /** The name of the extra field {@code suffix} ({@code _table}, {@code _name}...), or null if it has none. */
    String extraField(String suffix) {
        for (int i = 1; i < fields.size(); i++) {
            if (fields.get(i).name().endsWith(suffix)) {
                return fields.get(i).name();
            }
        }
        return null;
    }
}
