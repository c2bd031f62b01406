package io.crmbridge.sandbox.identity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP replies of the identity endpoints: JSON with {@code no-store} caching and the correlation headers Entra sends
 * ({@code client-request-id} echoed, which MSAL4J compares with the one it sent; {@code x-ms-request-id} = trace id),
 * HTML pages and redirects.
 */
final class Replies {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MediaType JSON_UTF8 = new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8);
    private static final MediaType HTML_UTF8 = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final Clock clock;
    private final String traceSeparator;

    Replies(Clock clock, String traceSeparator) {
        this.clock = clock;
        this.traceSeparator = traceSeparator;
    }

    /** The client's {@code client-request-id}, or a fresh one. */
    static String correlationId(ServerRequest request) {
        String sent = request.headers().firstHeader("client-request-id");
        return sent == null || sent.isBlank() ? UUID.randomUUID().toString() : sent;
    }

    Mono<ServerResponse> tokens(TokenOutcome outcome, Realm realm, String correlationId) {
        if (outcome instanceof TokenOutcome.Refused refused) {
            return error(refused.error(), realm, correlationId);
        }
        return json(200, ((TokenOutcome.Issued) outcome).body(), correlationId, UUID.randomUUID().toString());
    }

    Mono<ServerResponse> error(OAuthError error, Realm realm, String correlationId) {
        String traceId = UUID.randomUUID().toString();
        return json(error.status(), error.body(realm, clock.instant(), traceId, correlationId, traceSeparator),
                correlationId, traceId);
    }

    Mono<ServerResponse> failure(TokenFailure failure, Realm realm, String correlationId) {
        OAuthError error = failure.toError();
        String traceId = UUID.randomUUID().toString();
        ServerResponse.BodyBuilder builder = headers(ServerResponse.status(failure.status()), correlationId, traceId);
        if (failure.retryAfter() != null) {
            builder.header("Retry-After", Long.toString(failure.retryAfter().getSeconds()));
        }
        if (error == null) {
            return builder.build();
        }
        return builder.contentType(JSON_UTF8).bodyValue(JSON.writeValueAsString(
                error.body(realm, clock.instant(), traceId, correlationId, traceSeparator)));
    }

    Mono<ServerResponse> json(int status, Map<String, ?> body, String correlationId, String traceId) {
        return headers(ServerResponse.status(status), correlationId, traceId).contentType(JSON_UTF8)
                .bodyValue(JSON.writeValueAsString(body));
    }

    static Mono<ServerResponse> html(int status, String page) {
        return ServerResponse.status(status).contentType(HTML_UTF8).header("Cache-Control", "no-store")
                .bodyValue(page);
    }

    static Mono<ServerResponse> redirect(URI location) {
        return ServerResponse.status(HttpStatus.FOUND).location(location).header("Cache-Control", "no-store").build();
    }

    private static ServerResponse.BodyBuilder headers(ServerResponse.BodyBuilder builder, String correlationId,
                                                      String traceId) {
        return builder.header("Cache-Control", "no-store, no-cache").header("Pragma", "no-cache")
                .header("client-request-id", correlationId).header("x-ms-request-id", traceId);
    }
}
