package io.crmbridge.sandbox.dataverse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** A parsed {@code $orderby} ({@code name asc,createdon desc}); nulls sort first, the primary key breaks ties. */
record OrderBy(List<Key> keys) {

    record Key(int column, boolean descending) {
    }

    static OrderBy parse(TableDefinition table, String text) {
        List<Key> keys = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] words = part.trim().split("\\s+");
            int column = table.propertyIndex(words[0]);
            if (column < 0 || words.length > 2) {
                throw DataverseError.badRequest("Could not find a property named '" + words[0] + "' on type "
                        + "'Microsoft.Dynamics.CRM." + table.logicalName() + "'.");
            }
            keys.add(new Key(column, words.length == 2 && words[1].equalsIgnoreCase("desc")));
        }
        return new OrderBy(keys);
    }

    Comparator<Row> comparator() {
        Comparator<Row> comparator = (a, b) -> 0;
        for (Key key : keys) {
            Comparator<Row> byKey = (a, b) -> compare(a.value(key.column()), b.value(key.column()));
            comparator = comparator.thenComparing(key.descending() ? byKey.reversed() : byKey);
        }
        return comparator.thenComparing(Row::id);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof RecordRef left) {
            return left.id().compareTo(((RecordRef) b).id());
        }
        if (a instanceof int[] left) {
            return Arrays.compare(left, (int[]) b);
        }
        if (a instanceof String left) {
            return String.CASE_INSENSITIVE_ORDER.compare(left, (String) b);
        }
        return ((Comparable) a).compareTo(b);
    }
}
