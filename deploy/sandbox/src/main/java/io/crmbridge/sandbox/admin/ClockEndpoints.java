package io.crmbridge.sandbox.admin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.crmbridge.sandbox.SandboxClock;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** {@code GET /admin/clock} and {@code POST /admin/clock/advance {"seconds": N}}. */
final class ClockEndpoints {

    private final SandboxClock clock;

    ClockEndpoints(SandboxClock clock) {
        this.clock = clock;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/admin/clock", request -> now())
                .POST("/admin/clock/advance", this::advance)
                .build();
    }

    private Mono<ServerResponse> advance(ServerRequest request) {
        return JsonBody.of(request).flatMap(body -> {
            long seconds = body.allowOnly(Set.of("seconds")).whole("seconds");
            clock.advance(Duration.ofSeconds(seconds));
            return now();
        });
    }

    private Mono<ServerResponse> now() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("now", clock.instant().toString());
        body.put("offsetSeconds", clock.offset().toSeconds());
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
}
