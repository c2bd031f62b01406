package io.crmbridge.sandbox.admin;

import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Injected faults (5xx, latency, connection resets) for a share of requests. PLACEHOLDER. */
public final class Faults {

    public HandlerFilterFunction<ServerResponse, ServerResponse> filter() {
        return (request, next) -> next.handle(request);
    }
}
