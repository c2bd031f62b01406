package io.crmbridge.sandbox.admin;

import java.time.Clock;

import io.netty.channel.ChannelOption;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** Does what a {@link Fault} says to one request, and marks the response so {@link RequestCounts} can tell. */
final class Injector {

    private final Clock clock;

    Injector(Clock clock) {
        this.clock = clock;
    }

    Mono<ServerResponse> inject(Fault fault, ServerRequest request, HandlerFunction<ServerResponse> next) {
        request.exchange().getResponse().getHeaders().set(Faults.HEADER, fault.kind());
        if (fault instanceof Fault.Latency latency) {
            // Mono.delay waits on a timer, not on the event loop; defer so the handler starts after the delay.
            return Mono.delay(latency.delay()).then(Mono.defer(() -> next.handle(request)));
        }
        if (fault instanceof Fault.Status status) {
            return answer(status, request.requestPath().value());
        }
        return reset(request.exchange().getResponse());
    }

    private Mono<ServerResponse> answer(Fault.Status status, String path) {
        ServerResponse.BodyBuilder response = ServerResponse.status(status.status())
                .contentType(MediaType.APPLICATION_JSON);
        if (path.startsWith("/org/")) {
            response.header("OData-Version", "4.0");
        }
        status.retryAfter().ifPresent(after -> response.header(HttpHeaders.RETRY_AFTER,
                Long.toString(after.toSeconds())));
        return response.bodyValue(ErrorBodies.forPath(path, status.status(), clock.instant()));
    }

    private static Mono<ServerResponse> reset(ServerHttpResponse response) {
        Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        if (!(nativeResponse instanceof HttpServerResponse netty)) {
            return Mono.error(new IllegalStateException("a reset needs Reactor Netty, not " + nativeResponse));
        }
        return Mono.<ServerResponse>fromRunnable(() -> netty.withConnection(connection -> {
            // Linger 0 makes close() send a TCP RST: the client sees a reset, not an orderly end of stream.
            connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            connection.channel().close();
        }));
    }
}
