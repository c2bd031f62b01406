package io.crmbridge.sandbox.admin;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON object sent to the admin API, read field by field so every mistake gets a message naming the field
 * (a misspelt option is refused rather than silently ignored).
 */
final class JsonBody {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final JsonNode node;

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    static Mono<JsonBody> of(ServerRequest request) {
        return request.bodyToMono(String.class).defaultIfEmpty("").map(JsonBody::parse);
    }

    static JsonBody parse(String text) {
        if (text.isBlank()) {
            throw new BadRequest("the body must be a JSON object, and it is empty");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new BadRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest("the body must be a JSON object");
        }
        return new JsonBody(node);
    }

    /** Refuses fields other than {@code allowed}. */
    JsonBody allowOnly(Set<String> allowed) {
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw new BadRequest("unknown field '" + name + "'; allowed here: " + new TreeSet<>(allowed));
            }
        }
        return this;
    }

    String text(String name) {
        return optionalText(name).orElseThrow(() -> new BadRequest("'" + name + "' is required"));
    }

    Optional<String> optionalText(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw new BadRequest("'" + name + "' must be a string");
        }
        return Optional.of(value.stringValue());
    }

    long whole(String name) {
        OptionalLong value = optionalWhole(name);
        if (value.isEmpty()) {
            throw new BadRequest("'" + name + "' is required");
        }
        return value.getAsLong();
    }

    OptionalLong optionalWhole(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return OptionalLong.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new BadRequest("'" + name + "' must be a whole number");
        }
        return OptionalLong.of(value.longValue());
    }

    /** A whole number that fits an int (statuses, counts of requests). */
    int wholeInt(String name) {
        long value = whole(name);
        if (value != (int) value) {
            throw new BadRequest("'" + name + "' is out of range");
        }
        return (int) value;
    }

    OptionalDouble optionalNumber(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return OptionalDouble.empty();
        }
        if (!value.isNumber()) {
            throw new BadRequest("'" + name + "' must be a number");
        }
        return OptionalDouble.of(value.doubleValue());
    }
}
