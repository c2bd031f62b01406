package io.crmbridge.sandbox.registry;

import io.crmbridge.schemas.registry.SchemaRegistryException;
import io.crmbridge.schemas.registry.SchemaType;
import org.apache.avro.Schema;
import org.springframework.web.reactive.function.server.ServerRequest;
import tools.jackson.databind.JsonNode;

/** What registry requests carry: schemas in bodies, versions and flags in the path and query. */
final class RegistryRequests {

    /** {@code latest} (or -1) in a version path segment. */
    static final int LATEST = -1;

    private RegistryRequests() {
    }

    /** The schema of a {@code {"schema": "...", "schemaType"?: "AVRO", "references"?: []}} body. */
    static Schema schema(JsonNode body) {
        JsonNode references = body.path("references");
        if (references.isArray() && !references.isEmpty()) {
            throw SchemaRegistryException.invalidSchema("Schema references are not supported by this registry");
        }
        JsonNode schema = body.path("schema");
        if (!schema.isString()) {
            throw SchemaRegistryException.invalidSchema("Empty schema: the body needs \"schema\" as a JSON string");
        }
        JsonNode type = body.path("schemaType");
        return SchemaType.named(type.isString() ? type.asString() : null).parse(schema.asString());
    }

    static String subject(ServerRequest request) {
        return request.pathVariable("subject");
    }

    /** The version named in the path: a number from 1 or {@code latest} ({@link #LATEST}). */
    static int version(ServerRequest request) {
        String text = request.pathVariable("version");
        if (text.equals("latest") || text.equals("-1")) {
            return LATEST;
        }
        try {
            int version = Integer.parseInt(text);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw SchemaRegistryException.invalidVersion(text);
    }

    static int id(ServerRequest request) {
        String text = request.pathVariable("id");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw SchemaRegistryException.schemaNotFound(-1);
        }
    }

    /** A boolean query flag such as {@code deleted}, {@code permanent}, {@code verbose}. */
    static boolean flag(ServerRequest request, String name) {
        return request.queryParam(name).map(Boolean::parseBoolean).orElse(false);
    }
}
