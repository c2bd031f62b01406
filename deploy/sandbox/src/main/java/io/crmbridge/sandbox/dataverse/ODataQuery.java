package io.crmbridge.sandbox.dataverse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The query options of a GET on an entity set or a row: {@code $select} (the primary key is always returned),
 * {@code $filter}, {@code $orderby}, {@code $top}, {@code $count}, and the paging / change-tracking tokens
 * {@code $skiptoken} and {@code $deltatoken}. {@code $skip} is refused, as Dataverse does.
 */
record ODataQuery(List<String> select, int[] columns, FilterExpression filter, OrderBy orderBy, Integer top,
                  boolean count, String expand, String skipToken, String deltaToken, Map<String, String> options) {

    static ODataQuery parse(TableDefinition table, Map<String, String> options) {
        for (String option : options.keySet()) {
            if (option.startsWith("$") && !List.of("$select", "$filter", "$orderby", "$top", "$count", "$expand",
                    "$skiptoken", "$deltatoken").contains(option)) {
                throw DataverseError.badRequest("The query parameter " + option + " is not supported");
            }
        }
        List<String> select = names(options.get("$select"));
        String filter = options.get("$filter");
        String orderBy = options.get("$orderby");
        return new ODataQuery(select, columns(table, select),
                filter == null ? FilterExpression.ALL : FilterExpression.parse(table, filter),
                orderBy == null ? null : OrderBy.parse(table, orderBy), top(options.get("$top")),
                "true".equalsIgnoreCase(options.get("$count")), options.get("$expand"),
                options.get("$skiptoken"), options.get("$deltatoken"), options);
    }

    /** The options change tracking refuses (reference §2.3), in the order Dataverse checks them. */
    List<String> refusedWithChangeTracking() {
        return List.of("$filter", "$orderby", "$expand", "$top").stream().filter(options::containsKey).toList();
    }

    /** {@code accounts(name,telephone1)} or {@code accounts}: the part of {@code @odata.context} after {@code #}. */
    String contextOf(TableDefinition table) {
        return select.isEmpty() ? table.entitySetName() : table.entitySetName() + "(" + String.join(",", select) + ")";
    }

    /** {@code $select=...&} to carry into next and delta links, or empty. */
    String selectOption() {
        return select.isEmpty() ? "" : "$select=" + String.join(",", select) + "&";
    }

    private static List<String> names(String select) {
        List<String> names = new ArrayList<>();
        if (select != null) {
            for (String name : select.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
        }
        return names;
    }

    private static int[] columns(TableDefinition table, List<String> select) {
        if (select.isEmpty()) {
            return table.liveColumns();
        }
        List<Integer> columns = new ArrayList<>();
        for (String name : select) {
            int index = table.propertyIndex(name);
            if (index < 0 || !table.propertyName(index).equals(name)) {
                throw DataverseError.badRequest("Could not find a property named '" + name + "' on type "
                        + "'Microsoft.Dynamics.CRM." + table.logicalName() + "'.");
            }
            if (!columns.contains(index)) {
                columns.add(index);
            }
        }
        if (!columns.contains(table.primaryIdIndex())) {
            columns.add(table.primaryIdIndex());
        }
        return columns.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Integer top(String top) {
        if (top == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(top.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw DataverseError.badRequest("Invalid value '" + top + "' for $top query option found. The $top "
                    + "query option requires a non-negative integer value.");
        }
    }
}
