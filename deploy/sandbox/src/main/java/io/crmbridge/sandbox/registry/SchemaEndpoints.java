package io.crmbridge.sandbox.registry;

import java.util.List;
import java.util.Map;

import io.crmbridge.schemas.registry.InMemorySchemaRegistry;
import io.crmbridge.schemas.registry.RegisteredSchema;
import io.crmbridge.schemas.registry.SchemaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static io.crmbridge.sandbox.registry.RegistryReplies.answer;
import static io.crmbridge.sandbox.registry.RegistryRequests.flag;
import static io.crmbridge.sandbox.registry.RegistryRequests.id;

/** {@code /schemas/...}: schemas by global id — what a deserializer asks — and the schema types served. */
final class SchemaEndpoints {

    private final InMemorySchemaRegistry registry;

    SchemaEndpoints(InMemorySchemaRegistry registry) {
        this.registry = registry;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/schemas/types", request -> answer(() -> List.of(SchemaType.AVRO.name())))
                .GET("/schemas/ids/{id}", request -> answer(() ->
                        Map.of("schema", registry.schemaById(id(request)).toString())))
                .GET("/schemas/ids/{id}/schema", request -> answer(() ->
                        new RegistryReplies.RawJson(registry.schemaById(id(request)).toString())))
                .GET("/schemas/ids/{id}/versions", request -> answer(() ->
                        registry.usesOf(id(request), flag(request, "deleted")).stream()
                                .map(use -> RegistryReplies.JSON.createObjectNode()
                                        .put("subject", use.subject()).put("version", use.version()))
                                .toList()))
                .GET("/schemas/ids/{id}/subjects", request -> answer(() ->
                        registry.usesOf(id(request), flag(request, "deleted")).stream()
                                .map(RegisteredSchema::subject).distinct().toList()))
                .build();
    }
}
