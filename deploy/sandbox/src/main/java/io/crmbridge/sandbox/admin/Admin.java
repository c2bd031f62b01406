package io.crmbridge.sandbox.admin;

import io.crmbridge.sandbox.SandboxClock;
import io.crmbridge.sandbox.dataverse.Dataverse;
import io.crmbridge.sandbox.identity.Identity;
import io.crmbridge.sandbox.registry.SchemaRegistryEmulator;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/** The admin API ({@code /admin/...}): faults, clock, token revocation, request counts. PLACEHOLDER. */
public final class Admin {

    public Admin(SandboxClock clock, Faults faults, Identity identity, Dataverse dataverse,
                 SchemaRegistryEmulator registry) {
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route(path("/admin/**"), request -> ServerResponse.status(501).build());
    }
}
