package io.crmbridge.sandbox.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.sandbox.SandboxClock;
import io.crmbridge.sandbox.dataverse.Dataverse;
import io.crmbridge.sandbox.identity.Identity;
import io.crmbridge.sandbox.registry.SchemaRegistryEmulator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * The admin API ({@code /admin/...}, JSON, on both ports): the clock, faults, request counts, and the Dataverse,
 * identity and traffic admin routes. It has no authentication: it is a test tool and must never be reachable from
 * outside the machine or test network that runs the sandbox.
 */
public final class Admin {

    private final RouterFunction<ServerResponse> routes;

    public Admin(SandboxClock clock, Faults faults, Identity identity, Dataverse dataverse,
                 SchemaRegistryEmulator registry) {
        this(clock, faults, identity, dataverse, registry, List.of());
    }

    /** With {@code more} admin routes of other parts (e.g. the traffic generator's {@code /admin/traffic}). */
    public Admin(SandboxClock clock, Faults faults, Identity identity, Dataverse dataverse,
                 SchemaRegistryEmulator registry, List<RouterFunction<ServerResponse>> more) {
        // The registry has no admin routes: its own REST API already lists, reads and deletes everything.
        RouterFunction<ServerResponse> endpoints = new ClockEndpoints(clock).routes()
                .and(new FaultEndpoints(faults).routes())
                .and(new RequestEndpoints(faults.requests()).routes())
                .and(dataverse.adminRoutes())
                .and(identity.adminRoutes());
        for (RouterFunction<ServerResponse> routes : more) {
            endpoints = endpoints.and(routes);
        }
        List<String> listing = Endpoints.of(endpoints);
        this.routes = RouterFunctions.route()
                .GET("/admin", request -> json(HttpStatus.OK, index(listing)))
                .add(endpoints)
                // Last, so it only answers what no admin route took.
                .route(path("/admin/**"), request -> json(HttpStatus.NOT_FOUND, Map.of("error",
                        "no admin endpoint " + request.method() + " " + request.path() + "; GET /admin lists them")))
                .onError(BadRequest.class, (error, request) -> json(HttpStatus.BAD_REQUEST,
                        Map.of("error", error.getMessage())))
                .build();
    }

    public RouterFunction<ServerResponse> routes() {
        return routes;
    }

    private static Map<String, Object> index(List<String> listing) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("warning", "test tool without authentication: never expose it beyond the test machine");
        body.put("endpoints", listing);
        return body;
    }

    private static Mono<ServerResponse> json(HttpStatus status, Map<String, Object> body) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
}
