package io.crmbridge.sandbox.identity;

import java.net.URI;

import io.crmbridge.sandbox.SandboxClock;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/** Entra ID v2.0 ({@code /{tenant}/oauth2/v2.0/...}) and AD FS ({@code /adfs/oauth2/...}). PLACEHOLDER. */
public final class Identity {

    private final IdentitySettings settings;
    private final SandboxClock clock;
    private final AccessTokens tokens;
    private final URI base;

    public Identity(IdentitySettings settings, SandboxClock clock, AccessTokens tokens, URI base) {
        this.settings = settings;
        this.clock = clock;
        this.tokens = tokens;
        this.base = base;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route(path("/adfs/**"), request -> ServerResponse.status(501).build());
    }
}
