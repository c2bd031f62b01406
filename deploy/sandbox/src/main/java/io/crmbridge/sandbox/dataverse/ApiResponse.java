package io.crmbridge.sandbox.dataverse;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * One Web API response: status, headers and a body written on demand, straight into whatever buffer the
 * transport provides (a Netty buffer for HTTP, the multipart stream for a {@code $batch} part).
 */
final class ApiResponse {

    static final String JSON = "application/json; odata.metadata=minimal";
    // Bodies of $batch parts are written into the batch's stream, which the generator must not close.
    private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    /** A body that writes itself; {@code sizeHint} sizes the first buffer. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;

        default int sizeHint() {
            return 1024;
        }
    }

    /** Writes a JSON document with a streaming generator. */
    interface JsonWriter {
        void write(JsonGenerator json);
    }

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Body body;
    private String entityUrl;

    private ApiResponse(int status, Body body) {
        this.status = status;
        this.body = body;
        headers.put("OData-Version", "4.0");
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }

    static ApiResponse status(int status) {
        return new ApiResponse(status, null);
    }

    static ApiResponse json(int status, int sizeHint, JsonWriter writer) {
        ApiResponse response = new ApiResponse(status, new Body() {
            @Override
            public void writeTo(OutputStream out) {
                try (JsonGenerator json = JSON_FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
                    writer.write(json);
                }
            }

            @Override
            public int sizeHint() {
                return sizeHint;
            }
        });
        return response.header("Content-Type", JSON);
    }

    static ApiResponse error(DataverseError error) {
        return json(error.status(), 256, json -> {
            json.writeStartObject();
            json.writeName("error");
            json.writeStartObject();
            json.writeStringProperty("code", error.code());
            json.writeStringProperty("message", error.getMessage());
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    static ApiResponse raw(int status, String contentType, Body body) {
        return new ApiResponse(status, body).header("Content-Type", contentType);
    }

    ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The URL of the row a write touched; a {@code $batch} Content-ID refers to it, Location repeats it. */
    ApiResponse entityUrl(String url) {
        this.entityUrl = url;
        return this;
    }

    String entityUrl() {
        return entityUrl;
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** Null when the response has no body (204, 304). */
    Body body() {
        return body;
    }

    boolean failed() {
        return status >= 400;
    }
}
