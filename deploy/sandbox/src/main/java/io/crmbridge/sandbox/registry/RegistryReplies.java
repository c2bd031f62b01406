package io.crmbridge.sandbox.registry;

import java.util.function.Function;
import java.util.function.Supplier;

import io.crmbridge.schemas.registry.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers as a Confluent registry gives them: {@code application/vnd.schemaregistry.v1+json} on every response,
 * errors as {@code {"error_code": 40401, "message": "..."}} with the HTTP status the code implies. Every handler
 * runs inside {@link #answer}, so no failure escapes as a bare 500 without that body.
 */
final class RegistryReplies {

    static final MediaType CONTENT_TYPE = MediaType.parseMediaType("application/vnd.schemaregistry.v1+json");
    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Logger LOG = LoggerFactory.getLogger(RegistryReplies.class);

    private RegistryReplies() {
    }

    /** 200 with what {@code call} returns (serialised as JSON; a {@link RawJson} as it is), or its error. */
    static Mono<ServerResponse> answer(Supplier<?> call) {
        return Mono.fromSupplier(call).flatMap(body -> json(200, body)).onErrorResume(RegistryReplies::error);
    }

    /** Like {@link #answer(Supplier)}, for requests with a JSON object body. */
    static Mono<ServerResponse> answer(ServerRequest request, Function<JsonNode, ?> call) {
        return request.bodyToMono(String.class).defaultIfEmpty("")
                .map(RegistryReplies::parse).map(call)
                .flatMap(body -> json(200, body)).onErrorResume(RegistryReplies::error);
    }

    /** What Confluent's server answers for a path or method it does not serve; clients fall back on it. */
    static Mono<ServerResponse> notFound(ServerRequest request) {
        return json(404, errorBody(404, "HTTP 404 Not Found"));
    }

    /** A body already in JSON, such as a schema answered as itself. */
    record RawJson(String text) {
    }

    private static Mono<ServerResponse> json(int status, Object body) {
        String text = body instanceof RawJson raw ? raw.text() : JSON.writeValueAsString(body);
        return ServerResponse.status(status).contentType(CONTENT_TYPE).bodyValue(text);
    }

    private static Mono<ServerResponse> error(Throwable failure) {
        if (failure instanceof SchemaRegistryException refused) {
            return json(refused.status(), errorBody(refused.errorCode(), refused.detail()));
        }
        if (failure instanceof MalformedRequest malformed) {
            return json(400, errorBody(400, malformed.getMessage()));
        }
        LOG.error("schema registry emulator failed", failure);
        return json(500, errorBody(50001, "Error in the backend data store: " + failure));
    }

    private static ObjectNode errorBody(int errorCode, String message) {
        return JSON.createObjectNode().put("error_code", errorCode).put("message", message);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new MalformedRequest("The request body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new MalformedRequest("Malformed JSON in the request body: " + e.getOriginalMessage());
        }
    }

    /** A body that is not JSON at all: 400, as Confluent's JSON layer answers. */
    static final class MalformedRequest extends RuntimeException {
        MalformedRequest(String message) {
            super(message);
        }
    }
}
