package io.crmbridge.sandbox.registry;

import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/** Confluent-compatible schema registry REST API. PLACEHOLDER. */
public final class SchemaRegistryEmulator {

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route(path("/subjects/**"), request -> ServerResponse.status(501).build());
    }
}
