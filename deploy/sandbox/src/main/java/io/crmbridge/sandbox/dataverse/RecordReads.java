package io.crmbridge.sandbox.dataverse;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.StringJoiner;

/**
 * GET on entity sets, rows and single columns: {@code $select}, {@code $filter}, {@code $orderby}, {@code $top},
 * {@code $count}, paging with {@code odata.maxpagesize} (at most 5,000, the default) and {@code $skiptoken}
 * nextLinks, annotations, and conditional GET with {@code If-None-Match}. Change-tracking reads go to
 * {@link ChangeTracking}.
 */
final class RecordReads {

    private final ChangeTracking changeTracking = new ChangeTracking(this);

    ApiResponse list(ApiRequest request, TableDefinition table) {
        ODataQuery query = ODataQuery.parse(table, request.query());
        Prefer prefer = request.prefer();
        PagingCookie cookie = query.skipToken() == null ? PagingCookie.first() : PagingCookie.decode(query.skipToken());
        if (query.deltaToken() != null || prefer.trackChanges() || cookie.tracking()) {
            return changeTracking.read(request, table, query, prefer, cookie);
        }
        return query(request, table, query, prefer, cookie);
    }

    /** A plain query (also used when change tracking is asked for on a table without it and that is ignored). */
    ApiResponse query(ApiRequest request, TableDefinition table, ODataQuery query, Prefer prefer,
                      PagingCookie cookie) {
        if (query.expand() != null) {
            throw DataverseError.badRequest("The sandbox does not support $expand.");
        }
        Rows rows = request.org().rows(table);
        int pageSize = pageSize(prefer);
        Integer top = prefer.maxPageSize() == null ? query.top() : null;
        int limit = top == null ? pageSize : Math.max(0, Math.min(pageSize, top - cookie.offset()));
        List<Row> page = new ArrayList<>(Math.min(limit + 1, 1024));
        Iterator<Row> candidates = candidates(rows, query, cookie);
        while (page.size() <= limit && candidates.hasNext()) {
            Row row = candidates.next();
            if (query.filter().test(row)) {
                page.add(row);
            }
        }
        boolean more = page.size() > limit;
        if (more) {
            page.remove(page.size() - 1);
        }
        if (top != null && cookie.offset() + page.size() >= top) {
            more = false;
        }
        String nextLink = more ? nextLink(request, table, cookie.next(page.get(0).id(),
                page.get(page.size() - 1).id(), page.size())) : null;
        Annotations annotations = Annotations.of(prefer.includeAnnotations());
        Page result = new Page(request.apiBase() + "/$metadata#" + query.contextOf(table),
                query.count() ? count(rows, query) : null, null, page, List.of(), nextLink);
        return result.response(table, new RecordJson(request.org(), table, query.columns(), annotations),
                request.apiBase(), new Page.Preferences().of(prefer, annotations));
    }

    static int pageSize(Prefer prefer) {
        return prefer.maxPageSize() == null ? DataverseSettings.MAX_PAGE_SIZE
                : Math.min(prefer.maxPageSize(), DataverseSettings.MAX_PAGE_SIZE);
    }

    /** The request's own URL with a new {@code $skiptoken}, other options kept as sent. */
    static String nextLink(ApiRequest request, TableDefinition table, PagingCookie cookie) {
        StringJoiner query = new StringJoiner("&");
        for (String option : request.rawQuery().split("&")) {
            String name = ApiRequest.decode(option.split("=", 2)[0]);
            if (!option.isEmpty() && !name.equals("$skiptoken") && !name.equals("$deltatoken")) {
                query.add(option);
            }
        }
        query.add("$skiptoken=" + cookie.encode(table.primaryIdName()));
        return request.apiBase() + "/" + table.entitySetName() + "?" + query;
    }

    private static Iterator<Row> candidates(Rows rows, ODataQuery query, PagingCookie cookie) {
        if (query.orderBy() == null) {
            return (cookie.lastId() == null ? rows.byId() : rows.byId().tailMap(cookie.lastId(), false))
                    .values().iterator();
        }
        // Ordered queries sort the matching rows on every page and page by position: fine for test-sized data.
        return rows.byId().values().stream().filter(query.filter()::test).sorted(query.orderBy().comparator())
                .skip(cookie.offset()).iterator();
    }

    private static int count(Rows rows, ODataQuery query) {
        int count = 0;
        for (Row row : rows.byId().values()) {
            if (query.filter().test(row) && ++count >= DataverseSettings.MAX_PAGE_SIZE) {
                break;
            }
        }
        return count;
    }

    ApiResponse one(ApiRequest request, TableDefinition table, EntityKey key) {
        ODataQuery query = ODataQuery.parse(table, request.query());
        Rows rows = request.org().rows(table);
        ResolvedKey resolved = ResolvedKey.of(table, key);
        Row row = resolved.find(rows).orElseThrow(() -> resolved.notFound(table));
        Prefer prefer = request.prefer();
        Annotations annotations = Annotations.of(prefer.includeAnnotations());
        if (!annotations.any() && ETags.matches(request.header("If-None-Match"), row.etag())) {
            return ApiResponse.status(304);
        }
        return entity(request, table, query, row, 200, annotations)
                .header("ETag", RecordJson.etag(row.etag()));
    }

    /** A single row as a response body: {@code @odata.context ...#accounts(name)/$entity} and its columns. */
    static ApiResponse entity(ApiRequest request, TableDefinition table, ODataQuery query, Row row, int status,
                              Annotations annotations) {
        RecordJson json = new RecordJson(request.org(), table, query.columns(), annotations);
        String context = request.apiBase() + "/$metadata#" + query.contextOf(table) + "/$entity";
        ApiResponse response = ApiResponse.json(status, 2048, out -> json.write(out, row, context));
        return new Page.Preferences().of(request.prefer(), annotations).applyTo(response);
    }

    ApiResponse property(ApiRequest request, TableDefinition table, EntityKey key, String property) {
        int column = table.propertyIndex(property);
        if (column < 0) {
            throw DataverseError.resourceNotFound(property);
        }
        ResolvedKey resolved = ResolvedKey.of(table, key);
        Row row = resolved.find(request.org().rows(table)).orElseThrow(() -> resolved.notFound(table));
        if (row.value(column) == null) {
            return ApiResponse.noContent();
        }
        String context = request.apiBase() + "/$metadata#" + table.entitySetName() + "(" + row.id() + ")/"
                + property;
        RecordJson json = new RecordJson(request.org(), table, new int[] {column}, Annotations.NONE);
        return ApiResponse.json(200, 256, out -> json.writeValue(out, row, column, context));
    }
}
