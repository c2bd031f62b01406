package io.crmbridge.sandbox.registry;

import java.util.List;
import java.util.Map;

import io.crmbridge.schemas.registry.InMemorySchemaRegistry;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static io.crmbridge.sandbox.registry.RegistryReplies.answer;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * A Confluent-compatible schema registry over REST, backed by an {@link InMemorySchemaRegistry}: the subset that
 * serdes and common tools use — register and look up schemas, subjects and versions, schemas by id, compatibility
 * checks and levels, soft and permanent deletes — so Confluent's own clients in any language work against it.
 * Extra query parameters ({@code normalize}, {@code fetchMaxId}...) are accepted and ignored. Every other path or
 * method outside {@code /admin} answers 404 with Confluent's error body, never 405 or 500: clients probe optional
 * endpoints and fall back on 404 only.
 */
public final class SchemaRegistryEmulator {

    private final InMemorySchemaRegistry registry;

    public SchemaRegistryEmulator() {
        this(new InMemorySchemaRegistry());
    }

    public SchemaRegistryEmulator(InMemorySchemaRegistry registry) {
        this.registry = registry;
    }

    /** The registry behind the REST API, for tests and the admin API to inspect or seed. */
    public InMemorySchemaRegistry registry() {
        return registry;
    }

    public RouterFunction<ServerResponse> routes() {
        return new SubjectEndpoints(registry).routes()
                .and(new SchemaEndpoints(registry).routes())
                .and(new CompatibilityEndpoints(registry).routes())
                .and(RouterFunctions.route()
                        .GET("/", request -> answer(Map::of))
                        .GET("/mode", request -> answer(() -> Map.of("mode", "READWRITE")))
                        .GET("/mode/{subject}", request -> answer(() -> Map.of("mode", "READWRITE")))
                        .GET("/contexts", request -> answer(() -> List.of(".")))
                        .build())
                // Last: the admin API shares this port and must keep its own paths.
                .and(RouterFunctions.route(path("/admin/**").negate(), RegistryReplies::notFound));
    }
}
