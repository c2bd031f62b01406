package io.crmbridge.poller.capture;

import java.util.Map;

import io.crmbridge.poller.subscription.SubscriptionKey;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /subscriptions/{connection}/{entity}/poke}: poll a subscription now (e.g. called by a Dataverse
 * webhook). 202 when this instance polls it, 409 when another instance does (the poke is not forwarded; the owner
 * polls at its interval), 404 when no such subscription is configured.
 */
final class PokeEndpoint {

    private final OwnedSubscriptions owned;

    PokeEndpoint(OwnedSubscriptions owned) {
        this.owned = owned;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route().POST("/subscriptions/{connection}/{entity}/poke", this::poke).build();
    }

    private Mono<ServerResponse> poke(ServerRequest request) {
        SubscriptionKey key;
        try {
            key = SubscriptionKey.of(request.pathVariable("connection"), request.pathVariable("entity"));
        } catch (IllegalArgumentException e) {
            return ServerResponse.status(HttpStatus.NOT_FOUND).build();
        }
        PokeResult result = owned.poke(key);
        HttpStatus status = switch (result) {
            case SCHEDULED -> HttpStatus.ACCEPTED;
            case NOT_OWNED_HERE -> HttpStatus.CONFLICT;
            case UNKNOWN -> HttpStatus.NOT_FOUND;
        };
        return ServerResponse.status(status).bodyValue(Map.of("subscription", key.toString(),
                "result", result.name()));
    }
}
