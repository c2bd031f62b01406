package io.crmbridge.sandbox.dataverse;

import java.net.URI;

import io.crmbridge.sandbox.SandboxClock;
import io.crmbridge.sandbox.identity.AccessTokens;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/** Dataverse Web API v9.2 for the sandbox's orgs ({@code /org/{org}/api/data/v9.2/...}). PLACEHOLDER. */
public final class Dataverse {

    private final DataverseSettings settings;
    private final SandboxClock clock;
    private final AccessTokens tokens;
    private final URI base;

    public Dataverse(DataverseSettings settings, SandboxClock clock, AccessTokens tokens, URI base) {
        this.settings = settings;
        this.clock = clock;
        this.tokens = tokens;
        this.base = base;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route(path("/org/**"), request -> ServerResponse.status(501).build());
    }
}
