package io.crmbridge.sandbox.dataverse;

import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST, PATCH (update or upsert), DELETE and single-column PUT/DELETE on rows (reference §3): 204 with
 * {@code OData-EntityId}, or the row with {@code Prefer: return=representation} (201 created, 200 updated);
 * {@code If-Match: *} makes PATCH a pure update, {@code If-None-Match: *} a pure create, {@code If-Match: W/"n"}
 * makes PATCH and DELETE conditional on the row version.
 */
final class RecordWrites {

    /** What a PATCH did: the row as written and whether it was created. */
    private record Upserted(Row row, boolean created) {
    }

    ApiResponse create(ApiRequest request, TableDefinition table) {
        JsonNode body = JsonBodies.read(request.body());
        Org org = request.org();
        Row row = request.scope().write(tx -> org.writes().create(tx, org.rows(table), body, null));
        return written(request, table, row, 201);
    }

    ApiResponse patch(ApiRequest request, TableDefinition table, EntityKey key) {
        JsonNode body = JsonBodies.read(request.body());
        Org org = request.org();
        Rows rows = org.rows(table);
        ResolvedKey resolved = ResolvedKey.of(table, key);
        String ifMatch = request.header("If-Match");
        String ifNoneMatch = request.header("If-None-Match");
        Upserted result = request.scope().write(tx -> {
            Optional<Row> current = resolved.find(tx, rows);
            if (current.isEmpty()) {
                if (ETags.isPresent(ifMatch)) {
                    throw resolved.notFound(table);
                }
                return new Upserted(org.writes().create(tx, rows, body, resolved), true);
            }
            if (ETags.isWildcard(ifNoneMatch)) {
                throw DataverseError.duplicateRecord();
            }
            checkVersion(org, ifMatch, current.get());
            return new Upserted(org.writes().update(tx, rows, current.get(), body,
                    resolved.byPrimaryKey() ? null : resolved), false);
        });
        return written(request, table, result.row(), result.created() ? 201 : 200);
    }

    ApiResponse delete(ApiRequest request, TableDefinition table, EntityKey key) {
        Org org = request.org();
        Rows rows = org.rows(table);
        ResolvedKey resolved = ResolvedKey.of(table, key);
        String ifMatch = request.header("If-Match");
        request.scope().write(tx -> {
            Row current = resolved.find(tx, rows).orElseThrow(() -> resolved.notFound(table));
            checkVersion(org, ifMatch, current);
            org.writes().delete(tx, rows, current);
            return current;
        });
        return ApiResponse.noContent();
    }

    /** {@code PUT accounts(<id>)/name} with {@code {"value": ...}}, or DELETE to clear the column. */
    ApiResponse putProperty(ApiRequest request, TableDefinition table, EntityKey key, String property,
                            boolean clear) {
        ObjectNode change = JsonNodeFactory.instance.objectNode();
        if (clear) {
            change.putNull(property);
        } else {
            JsonNode body = JsonBodies.read(request.body());
            if (!body.has("value")) {
                throw DataverseError.badRequest("The request body must be {\"value\": ...}.");
            }
            change.set(property, body.get("value"));
        }
        Org org = request.org();
        Rows rows = org.rows(table);
        ResolvedKey resolved = ResolvedKey.of(table, key);
        request.scope().write(tx -> {
            Row current = resolved.find(tx, rows).orElseThrow(() -> resolved.notFound(table));
            return org.writes().update(tx, rows, current, change, null);
        });
        return ApiResponse.noContent();
    }

    private static void checkVersion(Org org, String ifMatch, Row current) {
        if (ETags.isPresent(ifMatch) && !ETags.matches(ifMatch, current.etag())) {
            throw new DataverseError(412, org.settings().concurrencyMismatchCode(),
                    "The version of the existing record doesn't match the RowVersion property provided.");
        }
    }

    private static ApiResponse written(ApiRequest request, TableDefinition table, Row row, int representationStatus) {
        String url = request.apiBase() + "/" + table.entitySetName() + "(" + row.id() + ")";
        if (request.prefer().returnRepresentation()) {
            ODataQuery query = ODataQuery.parse(table, request.query());
            return RecordReads.entity(request, table, query, row, representationStatus, Annotations.NONE)
                    .header("ETag", RecordJson.etag(row.etag()))
                    .header("Preference-Applied", "return=representation")
                    .entityUrl(url);
        }
        return ApiResponse.noContent().header("OData-EntityId", url).entityUrl(url);
    }
}
