package io.crmbridge.sandbox.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.crmbridge.schemas.registry.Compatibility;
import io.crmbridge.schemas.registry.InMemorySchemaRegistry;
import io.crmbridge.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static io.crmbridge.sandbox.registry.RegistryReplies.answer;
import static io.crmbridge.sandbox.registry.RegistryRequests.LATEST;
import static io.crmbridge.sandbox.registry.RegistryRequests.flag;
import static io.crmbridge.sandbox.registry.RegistryRequests.schema;
import static io.crmbridge.sandbox.registry.RegistryRequests.subject;
import static io.crmbridge.sandbox.registry.RegistryRequests.version;

/**
 * {@code /compatibility/...} checks and the {@code /config} compatibility levels (global, per subject), with
 * Confluent's bodies: {@code {"compatibility": "FULL"}} in, {@code {"compatibilityLevel": "FULL"}} out.
 */
final class CompatibilityEndpoints {

    private final InMemorySchemaRegistry registry;

    CompatibilityEndpoints(InMemorySchemaRegistry registry) {
        this.registry = registry;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST("/compatibility/subjects/{subject}/versions/{version}", this::check)
                .POST("/compatibility/subjects/{subject}/versions", this::check)
                .GET("/config", request -> answer(() -> level(registry.compatibility())))
                .PUT("/config", request -> answer(request, body -> {
                    registry.setCompatibility(compatibility(body));
                    return Map.of("compatibility", registry.compatibility().name());
                }))
                .GET("/config/{subject}", this::subjectLevel)
                .PUT("/config/{subject}", request -> answer(request, body -> {
                    Compatibility level = compatibility(body);
                    registry.setCompatibility(subject(request), level);
                    return Map.of("compatibility", level.name());
                }))
                .DELETE("/config/{subject}", request -> answer(() -> level(registry.clearCompatibility(
                        subject(request)).orElseThrow(() ->
                        SchemaRegistryException.subjectCompatibilityNotConfigured(subject(request))))))
                .build();
    }

    private Mono<ServerResponse> check(ServerRequest request) {
        return answer(request, body -> {
            Schema schema = schema(body);
            String subject = subject(request);
            int version = request.pathVariables().containsKey("version") ? version(request) : LATEST;
            List<String> problems = version == LATEST ? registry.compatibilityProblems(subject, schema)
                    : registry.compatibilityProblems(subject, schema, version);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("is_compatible", problems.isEmpty());
            if (flag(request, "verbose")) {
                answer.put("messages", problems);
            }
            return answer;
        });
    }

    private Mono<ServerResponse> subjectLevel(ServerRequest request) {
        return answer(() -> {
            String subject = subject(request);
            return level(registry.subjectCompatibility(subject)
                    .or(() -> flag(request, "defaultToGlobal") ? Optional.of(registry.compatibility())
                            : Optional.empty())
                    .orElseThrow(() -> SchemaRegistryException.subjectCompatibilityNotConfigured(subject)));
        });
    }

    private static Compatibility compatibility(JsonNode body) {
        JsonNode level = body.path("compatibility");
        return Compatibility.named(level.isString() ? level.asString() : String.valueOf(level));
    }

    private static Map<String, String> level(Compatibility level) {
        return Map.of("compatibilityLevel", level.name());
    }
}
