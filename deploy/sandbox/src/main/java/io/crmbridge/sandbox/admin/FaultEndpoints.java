package io.crmbridge.sandbox.admin;

import java.net.URI;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** {@code POST|GET|DELETE /admin/faults} and {@code DELETE /admin/faults/{id}}. */
final class FaultEndpoints {

    private final Faults faults;

    FaultEndpoints(Faults faults) {
        this.faults = faults;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST("/admin/faults", this::arm)
                .GET("/admin/faults", request -> list())
                .DELETE("/admin/faults", request -> {
                    faults.clear();
                    return ServerResponse.noContent().build();
                })
                .DELETE("/admin/faults/{id}", this::remove)
                .build();
    }

    private Mono<ServerResponse> arm(ServerRequest request) {
        return JsonBody.of(request).flatMap(body -> {
            ArmedFault armed = faults.add(FaultRuleJson.parse(body));
            return ServerResponse.created(URI.create("/admin/faults/" + armed.id()))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(FaultRuleJson.render(armed));
        });
    }

    private Mono<ServerResponse> list() {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("faults", faults.armed().stream().map(FaultRuleJson::render).toList()));
    }

    private Mono<ServerResponse> remove(ServerRequest request) {
        long id;
        try {
            id = Long.parseLong(request.pathVariable("id"));
        } catch (NumberFormatException e) {
            throw new BadRequest("a fault id is a whole number");
        }
        return faults.remove(id)
                ? ServerResponse.noContent().build()
                : ServerResponse.status(404).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("error", "no fault with id " + id));
    }
}
