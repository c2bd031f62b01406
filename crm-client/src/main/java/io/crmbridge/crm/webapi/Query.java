package io.crmbridge.crm.webapi;

import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A query of one table (its entity set): {@code $select}, {@code $filter}, {@code $orderby}, {@code $top},
 * {@code $count}. With change tracking only {@code $select} is allowed (reference §2.3).
 *
 * <pre>{@code Query.of("accounts").select("name", "revenue").filter("statecode eq 0")}</pre>
 */
public record Query(String entitySet, List<String> select, String filter, String orderBy, Integer top,
                    boolean count) {

    public Query {
        Objects.requireNonNull(entitySet, "entitySet");
        select = List.copyOf(select);
    }

    public static Query of(String entitySet) {
        return new Query(entitySet, List.of(), null, null, null, false);
    }

    public Query select(String... columns) {
        return select(List.of(columns));
    }

    public Query select(List<String> columns) {
        return new Query(entitySet, columns, filter, orderBy, top, count);
    }

    /** An OData filter expression, e.g. {@code modifiedon ge 2024-01-01T00:00:00Z}; encoded when sent. */
    public Query filter(String expression) {
        return new Query(entitySet, select, expression, orderBy, top, count);
    }

    public Query orderBy(String expression) {
        return new Query(entitySet, select, filter, expression, top, count);
    }

    public Query top(int rows) {
        return new Query(entitySet, select, filter, orderBy, rows, count);
    }

    public Query withCount() {
        return new Query(entitySet, select, filter, orderBy, top, true);
    }

    /** The URL relative to the API root: {@code accounts?$select=name,revenue&$filter=...}. */
    public String toUrl() {
        StringJoiner options = new StringJoiner("&");
        if (!select.isEmpty()) {
            options.add("$select=" + UrlEncoding.encode(String.join(",", select)));
        }
        if (filter != null) {
            options.add("$filter=" + UrlEncoding.encode(filter));
        }
        if (orderBy != null) {
            options.add("$orderby=" + UrlEncoding.encode(orderBy));
        }
        if (top != null) {
            options.add("$top=" + top);
        }
        if (count) {
            options.add("$count=true");
        }
        return options.length() == 0 ? entitySet : entitySet + "?" + options;
    }
}
