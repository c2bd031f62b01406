package io.crmbridge.crm.webapi;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The single-record writes of the Web API (reference §3) as {@link WebApiRequest}s, to send with
 * {@link DataverseConnection#execute} or to put in a {@link Batch}; the one place that shapes them. Bodies are JSON
 * from {@link RecordBody}.
 */
public final class WriteRequests {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String PREFER = "Prefer";
    // The returned row comes with its annotations, so RecordParser can type lookups and labels.
    private static final String REPRESENTATION = "return=representation,odata.include-annotations=\"*\"";

    private WriteRequests() {
    }

    /** POST a new row (204 with {@code OData-EntityId}; 201 with the row when {@code returnRow}). */
    public static WebApiRequest create(String entitySet, byte[] json, boolean returnRow) {
        WebApiRequest request = WebApiRequest.json("POST", entitySet, json);
        return returnRow ? request.withHeader(PREFER, REPRESENTATION) : request;
    }

    /**
     * PATCH an existing row only: {@code ifMatch} is {@code *} (any version; a missing row is 404 rather than an
     * upsert) or the row's ETag for optimistic concurrency (412 when it changed).
     */
    public static WebApiRequest update(RecordAddress row, byte[] json, String ifMatch) {
        Objects.requireNonNull(ifMatch, "ifMatch: '*' or an ETag");
        return WebApiRequest.json("PATCH", row.toUrl(), json).withHeader("If-Match", ifMatch);
    }

    /** PATCH without conditions: creates the row when missing, updates it otherwise (204 either way). */
    public static WebApiRequest upsert(RecordAddress row, byte[] json) {
        return WebApiRequest.json("PATCH", row.toUrl(), json);
    }

    /** PATCH with {@code If-None-Match: *}: creates the row, 412 (0x80040237) when it already exists. */
    public static WebApiRequest createAt(RecordAddress row, byte[] json) {
        return WebApiRequest.json("PATCH", row.toUrl(), json).withHeader("If-None-Match", "*");
    }

    /** DELETE a row; {@code ifMatch} (an ETag) makes it conditional, null deletes whatever the version. */
    public static WebApiRequest delete(RecordAddress row, String ifMatch) {
        WebApiRequest request = new WebApiRequest("DELETE", row.toUrl(), Map.of(), null);
        return ifMatch == null ? request : request.withHeader("If-Match", ifMatch);
    }

    /** Adds {@code target} to the collection-valued navigation property {@code navigation} of {@code row}. */
    public static WebApiRequest associate(RecordAddress row, String navigation, RecordAddress target) {
        return WebApiRequest.json("POST", row.toUrl() + "/" + navigation + "/$ref", reference(target));
    }

    /** Removes {@code target} from the collection-valued navigation property {@code navigation} of {@code row}. */
    public static WebApiRequest disassociate(RecordAddress row, String navigation, RecordAddress target) {
        return new WebApiRequest("DELETE", row.toUrl() + "/" + navigation + "(" + target.key() + ")/$ref",
                Map.of(), null);
    }

    /** Points the single-valued navigation property {@code navigation} of {@code row} at {@code target}. */
    public static WebApiRequest setReference(RecordAddress row, String navigation, RecordAddress target) {
        return WebApiRequest.json("PUT", row.toUrl() + "/" + navigation + "/$ref", reference(target));
    }

    /** Clears the single-valued navigation property {@code navigation} of {@code row}. */
    public static WebApiRequest clearReference(RecordAddress row, String navigation) {
        return new WebApiRequest("DELETE", row.toUrl() + "/" + navigation + "/$ref", Map.of(), null);
    }

    /** {@code {"@odata.id": "<entityset>(<key>)"}}, the form the $ref requests take. */
    private static byte[] reference(RecordAddress target) {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeStringProperty("@odata.id", target.toUrl());
            json.writeEndObject();
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
