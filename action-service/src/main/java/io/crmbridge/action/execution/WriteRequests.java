package io.crmbridge.action.execution;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.action.command.Link;
import io.crmbridge.action.command.RowAddress;
import io.crmbridge.action.command.Write;

/**
 * Turns a validated write into its Web API request (shared/reference/dataverse-webapi.md §3): CREATE posts the
 * row with its id in the body; UPDATE patches with {@code If-Match: *} (or the command's ETag) so it never
 * creates; UPSERT patches without it; DELETE deletes; ASSOCIATE / DISASSOCIATE go through {@code $ref}.
 */
final class WriteRequests {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private WriteRequests() {
    }

    static WriteRequest of(Write write) {
        String set = write.table().entitySetName();
        String row = set + "(" + key(write.address()) + ")";
        return switch (write.operation()) {
            case CREATE -> new WriteRequest("POST", set, JSON, RequestBodies.record(write, write.knownId().orElseThrow()));
            case UPDATE -> new WriteRequest("PATCH", row, withIfMatch(JSON, ifMatchOr(write, "*")),
                    RequestBodies.record(write, null));
            case UPSERT -> new WriteRequest("PATCH", row, withIfMatch(JSON, write.command().ifMatch()),
                    RequestBodies.record(write, null));
            case DELETE -> new WriteRequest("DELETE", row, withIfMatch(Map.of(), write.command().ifMatch()), null);
            case ASSOCIATE -> new WriteRequest("POST", row + "/" + write.link().relationship() + "/$ref", JSON,
                    RequestBodies.odataId(write.link().relatedEntitySet(), write.link().relatedId()));
            case DISASSOCIATE -> new WriteRequest("DELETE", row + "/" + related(write.link()) + "/$ref", Map.of(),
                    null);
            case UNKNOWN -> throw new IllegalArgumentException("validation lets no UNKNOWN operation through");
        };
    }

    private static String key(RowAddress address) {
        if (address instanceof RowAddress.ById byId) {
            return byId.id().toString();
        }
        return KeySegments.of(((RowAddress.ByKey) address).values());
    }

    private static String related(Link link) {
        UUID id = link.relatedId();
        return link.relationship() + "(" + id + ")";
    }

    private static String ifMatchOr(Write write, String otherwise) {
        return write.command().ifMatch() != null ? write.command().ifMatch() : otherwise;
    }

    private static Map<String, String> withIfMatch(Map<String, String> headers, String ifMatch) {
        if (ifMatch == null) {
            return headers;
        }
        Map<String, String> all = new HashMap<>(headers);
        all.put("If-Match", ifMatch);
        return all;
    }
}
