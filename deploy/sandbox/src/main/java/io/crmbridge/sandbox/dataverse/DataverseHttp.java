package io.crmbridge.sandbox.dataverse;

import java.io.OutputStream;
import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.crmbridge.sandbox.identity.AccessTokens;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * The Web API over HTTP: finds the org in {@code /org/{org}/api/data/v9.x/...}, checks the bearer token
 * (audience = the org URL; 401 with {@code WWW-Authenticate} otherwise), applies service protection (429 with
 * {@code Retry-After}), hands the request to {@link WebApi} and writes the body straight into a Netty buffer.
 * Everything runs on the event loop: all work is in memory and nothing blocks.
 */
final class DataverseHttp {

    private static final Pattern ORG_PATH = Pattern.compile("^/org/([^/]+)(/.*)?$");
    private static final Pattern API_PATH = Pattern.compile("^/api/data/(v9\\.[0-2])(?:/(.*))?$");
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private final Dataverse dataverse;
    private final AccessTokens tokens;
    private final String authorizationUri;
    private final WebApi api = new WebApi();

    DataverseHttp(Dataverse dataverse, AccessTokens tokens, DataverseSettings settings, URI base) {
        this.dataverse = dataverse;
        this.tokens = tokens;
        this.authorizationUri = settings.authorizationUri() != null ? settings.authorizationUri()
                : base + "/" + settings.tenantId() + "/oauth2/authorize";
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route(path("/org/**"), this::handle);
    }

    private Mono<ServerResponse> handle(ServerRequest request) {
        Matcher orgPath = ORG_PATH.matcher(request.uri().getRawPath());
        Org org = orgPath.matches() ? dataverse.existingOrg(orgPath.group(1)) : null;
        if (org == null) {
            return write(ApiResponse.error(new DataverseError(404, DataverseError.ODATA,
                    "The organization does not exist.")));
        }
        Matcher apiPath = API_PATH.matcher(orgPath.group(2) == null ? "" : orgPath.group(2));
        if (!apiPath.matches()) {
            return answer(org, ApiResponse.error(DataverseError.resourceNotFound(
                    orgPath.group(2) == null ? "" : orgPath.group(2))));
        }
        AccessTokens.Verification verification = tokens.verify(bearer(request), org.url());
        if (verification instanceof AccessTokens.Verification.Rejected) {
            return answer(org, unauthorized(org));
        }
        String caller = ((AccessTokens.Verification.Accepted) verification).caller().objectId();
        ServiceProtection.Admission admission = org.protection().admit(caller == null ? "" : caller);
        if (admission instanceof ServiceProtection.Throttled throttled) {
            return answer(org, ApiResponse.error(new DataverseError(429, throttled.code(), throttled.message()))
                    .header("Retry-After", Long.toString(throttled.retryAfterSeconds())));
        }
        ServiceProtection.Admitted admitted = (ServiceProtection.Admitted) admission;
        String apiBase = org.url() + "/api/data/" + apiPath.group(1);
        String rawPath = apiPath.group(2) == null ? "" : apiPath.group(2);
        return body(request)
                .map(body -> handle(request, org, apiBase, rawPath, body, caller))
                .onErrorResume(DataBufferLimitException.class, tooLarge -> Mono.just(ApiResponse.error(
                        new DataverseError(413, DataverseError.ODATA, "The request is too large."))))
                .map(response -> response
                        .header("x-ms-ratelimit-burst-remaining-xrm-requests",
                                Long.toString(admitted.remainingRequests()))
                        .header("x-ms-ratelimit-time-remaining-xrm-requests",
                                Long.toString(admitted.remainingMillis())))
                .flatMap(response -> answer(org, response))
                .doFinally(signal -> admitted.finished());
    }

    private ApiResponse handle(ServerRequest request, Org org, String apiBase, String rawPath, byte[] body,
                               String caller) {
        ApiRequest apiRequest;
        try {
            apiRequest = ApiRequest.of(request.method().name(), ApiRequest.decodePath(rawPath),
                    request.uri().getRawQuery(), headers(request), body, org, apiBase, caller);
        } catch (IllegalArgumentException badEncoding) {
            return ApiResponse.error(DataverseError.badRequest("The request URL is not properly encoded."));
        }
        return api.handle(apiRequest);
    }

    private ApiResponse unauthorized(Org org) {
        return ApiResponse.error(new DataverseError(401, "0x8005F101",
                        "The requested resource requires authentication."))
                .header("WWW-Authenticate", "Bearer authorization_uri=" + authorizationUri + ", resource_id="
                        + org.url() + "/");
    }

    private static String bearer(ServerRequest request) {
        String header = request.headers().firstHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }

    private static Map<String, String> headers(ServerRequest request) {
        Map<String, String> headers = ApiRequest.headerMap();
        request.headers().asHttpHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return headers;
    }

    private static Mono<byte[]> body(ServerRequest request) {
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), MAX_BODY_BYTES)
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(new byte[0]);
    }

    private static Mono<ServerResponse> answer(Org org, ApiResponse response) {
        org.counter().answered(response.status());
        return write(response);
    }

    private static Mono<ServerResponse> write(ApiResponse response) {
        ServerResponse.BodyBuilder builder = ServerResponse.status(response.status());
        response.headers().forEach(builder::header);
        ApiResponse.Body body = response.body();
        if (body == null) {
            return builder.build();
        }
        BodyInserter<Object, ReactiveHttpOutputMessage> inserter = (message, context) ->
                message.writeWith(Mono.fromCallable(() -> render(message.bufferFactory(), body)));
        return builder.body(inserter);
    }

    private static DataBuffer render(DataBufferFactory factory, ApiResponse.Body body) throws Exception {
        DataBuffer buffer = factory.allocateBuffer(body.sizeHint());
        try (OutputStream out = buffer.asOutputStream()) {
            body.writeTo(out);
            return buffer;
        } catch (Exception | Error e) {
            DataBufferUtils.release(buffer);
            throw e;
        }
    }
}
