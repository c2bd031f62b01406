package io.crmbridge.sandbox.registry;

import java.util.LinkedHashMap;
import java.util.Map;

import io.crmbridge.schemas.registry.InMemorySchemaRegistry;
import io.crmbridge.schemas.registry.RegisteredSchema;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import static io.crmbridge.sandbox.registry.RegistryReplies.answer;
import static io.crmbridge.sandbox.registry.RegistryRequests.LATEST;
import static io.crmbridge.sandbox.registry.RegistryRequests.flag;
import static io.crmbridge.sandbox.registry.RegistryRequests.schema;
import static io.crmbridge.sandbox.registry.RegistryRequests.subject;
import static io.crmbridge.sandbox.registry.RegistryRequests.version;

/** {@code /subjects/...}: register, look up, list, read and delete subject versions. */
final class SubjectEndpoints {

    private final InMemorySchemaRegistry registry;

    SubjectEndpoints(InMemorySchemaRegistry registry) {
        this.registry = registry;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/subjects", request -> answer(() -> registry.subjects(flag(request, "deleted"))))
                .POST("/subjects/{subject}/versions", this::register)
                .GET("/subjects/{subject}/versions", request -> answer(() ->
                        registry.versions(subject(request), flag(request, "deleted"))))
                .GET("/subjects/{subject}/versions/{version}", request -> answer(() ->
                        versionBody(registered(request))))
                .GET("/subjects/{subject}/versions/{version}/schema", request -> answer(() ->
                        new RegistryReplies.RawJson(registered(request).schema().toString())))
                .DELETE("/subjects/{subject}/versions/{version}", this::deleteVersion)
                .POST("/subjects/{subject}", this::lookup)
                .DELETE("/subjects/{subject}", request -> answer(() ->
                        registry.deleteSubject(subject(request), flag(request, "permanent"))))
                .build();
    }

    private Mono<ServerResponse> register(ServerRequest request) {
        return answer(request, body -> Map.of("id", registry.register(subject(request), schema(body))));
    }

    private Mono<ServerResponse> lookup(ServerRequest request) {
        return answer(request, body -> versionBody(
                registry.lookup(subject(request), schema(body), flag(request, "deleted"))));
    }

    private Mono<ServerResponse> deleteVersion(ServerRequest request) {
        return answer(() -> {
            int version = version(request);
            String subject = subject(request);
            return registry.deleteVersion(subject, version == LATEST ? registry.latestVersion(subject) : version,
                    flag(request, "permanent"));
        });
    }

    private RegisteredSchema registered(ServerRequest request) {
        int version = version(request);
        String subject = subject(request);
        return version == LATEST ? registry.latest(subject)
                : registry.version(subject, version, flag(request, "deleted"));
    }

    /** A subject version as Confluent answers it; {@code schemaType} is omitted for Avro, as Confluent does. */
    static Map<String, Object> versionBody(RegisteredSchema version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", version.subject());
        body.put("version", version.version());
        body.put("id", version.id());
        body.put("schema", version.schema().toString());
        return body;
    }
}
