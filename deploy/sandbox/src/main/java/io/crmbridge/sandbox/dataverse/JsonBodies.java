package io.crmbridge.sandbox.dataverse;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads request bodies as JSON trees, keeping decimals exact (money must not pass through a double). */
final class JsonBodies {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private JsonBodies() {
    }

    static JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw DataverseError.badRequest("The request body is empty; a JSON object is required.");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw DataverseError.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
