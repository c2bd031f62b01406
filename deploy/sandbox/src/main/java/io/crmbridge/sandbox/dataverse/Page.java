package io.crmbridge.sandbox.dataverse;

import java.util.List;
import java.util.StringJoiner;

/**
 * One page of a collection response: {@code @odata.context}, the optional {@code @odata.count} and
 * {@code @odata.deltaLink}, {@code value} (rows, then {@code $deletedEntity} entries for a delta) and the
 * optional {@code @odata.nextLink} after the values, in the member order Dataverse uses.
 */
record Page(String context, Integer count, String deltaLink, List<Row> rows, List<Tombstone> deleted,
            String nextLink) {

    /** Roughly what a row costs as JSON, to size the first buffer and avoid regrowing it. */
    private static final int BYTES_PER_ROW = 600;

    ApiResponse response(TableDefinition table, RecordJson json, String apiBase, Preferences applied) {
        String deletedContext = apiBase + "/$metadata#" + table.entitySetName() + "/$deletedEntity";
        ApiResponse response = ApiResponse.json(200, 512 + (rows.size() + deleted.size()) * BYTES_PER_ROW, out -> {
            out.writeStartObject();
            out.writeStringProperty("@odata.context", context);
            if (count != null) {
                out.writeNumberProperty("@odata.count", count);
            }
            if (deltaLink != null) {
                out.writeStringProperty("@odata.deltaLink", deltaLink);
            }
            out.writeName("value");
            out.writeStartArray();
            for (Row row : rows) {
                json.write(out, row);
            }
            for (Tombstone tombstone : deleted) {
                out.writeStartObject();
                out.writeStringProperty("@odata.context", deletedContext);
                out.writeStringProperty("id", tombstone.id().toString());
                out.writeStringProperty("reason", "deleted");
                out.writeEndObject();
            }
            out.writeEndArray();
            if (nextLink != null) {
                out.writeStringProperty("@odata.nextLink", nextLink);
            }
            out.writeEndObject();
        });
        return applied.applyTo(response);
    }

    /** The preferences a response honours, echoed in {@code Preference-Applied}. */
    static final class Preferences {
        private final StringJoiner applied = new StringJoiner(",");

        Preferences add(String preference) {
            applied.add(preference);
            return this;
        }

        Preferences of(Prefer prefer, Annotations annotations) {
            if (prefer.maxPageSize() != null) {
                add("odata.maxpagesize=" + prefer.maxPageSize());
            }
            if (annotations.requested() != null) {
                add("odata.include-annotations=\"" + annotations.requested() + "\"");
            }
            return this;
        }

        ApiResponse applyTo(ApiResponse response) {
            return applied.length() == 0 ? response : response.header("Preference-Applied", applied.toString());
        }
    }
}
