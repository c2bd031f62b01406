package io.crmbridge.sandbox.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * The identity part of the admin API (JSON; durations ISO-8601, e.g. {@code "PT1H"}):
 * <table>
 *   <caption>/admin/identity</caption>
 *   <tr><td>POST</td><td>/refresh-tokens/expire</td><td>every refresh token fails as idle</td></tr>
 *   <tr><td>POST</td><td>/users/{username}/refresh-tokens/expire</td><td>that user's (700082 / MSIS9615)</td></tr>
 *   <tr><td>POST</td><td>/users/{username}/refresh-tokens/revoke</td><td>50173 (or 70008, see settings)</td></tr>
 *   <tr><td>PUT</td><td>/users/{username}/mfa</td><td>{@code {"required":true}}: 50076</td></tr>
 *   <tr><td>PUT / DELETE</td><td>/users/{username}/sign-in-frequency</td><td>{@code {"every":"PT1H"}}: 70043</td></tr>
 *   <tr><td>POST</td><td>/users</td><td>{@code {"username","password","displayName"}}</td></tr>
 *   <tr><td>POST</td><td>/clients</td><td>{@code {"clientId","displayName","realm":"ENTRA"|"ADFS","secret",
 *       "secretExpiresAt","redirectUris":[...]}}; public without a secret</td></tr>
 *   <tr><td>POST</td><td>/clients/{clientId}/secrets/expire</td><td>7000222 from now on</td></tr>
 *   <tr><td>GET / PUT</td><td>/lifetimes</td><td>{@code {"accessToken","refreshTokenInactivity","adfsSso",
 *       "authorizationCode","deviceCode","clientSecret"}}, PUT takes any subset</td></tr>
 *   <tr><td>POST</td><td>/token-failures</td><td>{@code {"count":2,"status":503,"error":"temporarily_unavailable",
 *       "aadsts":50033,"message":"...","retryAfterSeconds":5}}; without error an empty body</td></tr>
 *   <tr><td>GET / DELETE</td><td>/token-requests</td><td>counts by grant type and outcome / reset</td></tr>
 *   <tr><td>POST</td><td>/device-codes/{userCode}/approve</td><td>{@code {"username":"..."}}</td></tr>
 * </table>
 * Unknown users or clients answer 404, malformed input 400, both as {@code {"error": "..."}}.
 */
final class IdentityAdminRoutes {

    private static final String ROOT = "/admin/identity";

    private final Identity identity;

    IdentityAdminRoutes(Identity identity) {
        this.identity = identity;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST(ROOT + "/refresh-tokens/expire", r -> ok(Map.of("expired", identity.expireAllRefreshTokens())))
                .POST(ROOT + "/users/{username}/refresh-tokens/expire",
                        r -> ok(Map.of("expired", identity.expireRefreshTokens(r.pathVariable("username")))))
                .POST(ROOT + "/users/{username}/refresh-tokens/revoke", this::revoke)
                .PUT(ROOT + "/users/{username}/mfa", r -> body(r).flatMap(b -> mfa(r, b)))
                .PUT(ROOT + "/users/{username}/sign-in-frequency", r -> body(r).flatMap(b -> signInFrequency(r, b)))
                .DELETE(ROOT + "/users/{username}/sign-in-frequency", r -> signInFrequency(r, Map.of()))
                .POST(ROOT + "/users", r -> body(r).flatMap(this::addUser))
                .POST(ROOT + "/clients", r -> body(r).flatMap(this::addClient))
                .POST(ROOT + "/clients/{clientId}/secrets/expire", this::expireSecret)
                .GET(ROOT + "/lifetimes", r -> ok(lifetimes(identity.lifetimes())))
                .PUT(ROOT + "/lifetimes", r -> body(r).flatMap(this::setLifetimes))
                .POST(ROOT + "/token-failures", r -> body(r).flatMap(this::failNext))
                .GET(ROOT + "/token-requests", r -> ok(countsByGrant()))
                .DELETE(ROOT + "/token-requests", r -> {
                    identity.resetTokenRequestCounts();
                    return ServerResponse.noContent().build();
                })
                .POST(ROOT + "/device-codes/{userCode}/approve", r -> body(r).flatMap(b -> approve(r, b)))
                .onError(NoSuchElementException.class, (e, r) -> problem(404, e.getMessage()))
                .onError(IllegalArgumentException.class, (e, r) -> problem(400, e.getMessage()))
                .onError(e -> e instanceof ClassCastException || e instanceof JacksonException
                                || e instanceof DateTimeParseException,
                        (e, r) -> problem(400, "malformed request body"))
                .build();
    }

    private Mono<ServerResponse> revoke(ServerRequest request) {
        identity.revokeRefreshTokens(request.pathVariable("username"));
        return ok(Map.of("revoked", request.pathVariable("username")));
    }

    private Mono<ServerResponse> mfa(ServerRequest request, Map<String, Object> body) {
        boolean required = !Boolean.FALSE.equals(body.get("required"));
        identity.requireMfa(request.pathVariable("username"), required);
        return ok(Map.of("mfaRequired", required));
    }

    private Mono<ServerResponse> signInFrequency(ServerRequest request, Map<String, Object> body) {
        Duration every = body.get("every") == null ? null : Duration.parse((String) body.get("every"));
        identity.requireSignInFrequency(request.pathVariable("username"), every);
        return ok(Map.of("signInFrequency", every == null ? "none" : every.toString()));
    }

    private Mono<ServerResponse> addUser(Map<String, Object> body) {
        DirectoryUser user = DirectoryUser.of(required(body, "username"), required(body, "password"),
                (String) body.getOrDefault("displayName", required(body, "username")));
        identity.register(user);
        return ok(Map.of("username", user.username(), "objectId", user.objectId()));
    }

    @SuppressWarnings("unchecked")
    private Mono<ServerResponse> addClient(Map<String, Object> body) {
        String clientId = (String) body.getOrDefault("clientId", UUID.randomUUID().toString());
        String name = (String) body.getOrDefault("displayName", clientId);
        String[] redirects = ((List<String>) body.getOrDefault("redirectUris", List.of())).toArray(String[]::new);
        String secret = (String) body.get("secret");
        AppRegistration client = secret == null ? AppRegistration.publicClient(clientId, name, redirects)
                : AppRegistration.withSecret(clientId, name, secret, body.get("secretExpiresAt") == null
                        ? identity.clock().instant().plus(identity.lifetimes().clientSecret())
                        : Instant.parse((String) body.get("secretExpiresAt")), redirects);
        identity.register("ADFS".equals(body.get("realm")) ? client.onAdfs() : client);
        return ok(Map.of("clientId", clientId, "confidential", client.confidential()));
    }

    private Mono<ServerResponse> expireSecret(ServerRequest request) {
        identity.expireClientSecret(request.pathVariable("clientId"));
        return ok(Map.of("expired", request.pathVariable("clientId")));
    }

    private Mono<ServerResponse> setLifetimes(Map<String, Object> body) {
        Lifetimes current = identity.lifetimes();
        Lifetimes updated = new Lifetimes(
                duration(body, "accessToken", current.accessToken()),
                duration(body, "refreshTokenInactivity", current.refreshTokenInactivity()),
                duration(body, "adfsSso", current.adfsSso()),
                duration(body, "authorizationCode", current.authorizationCode()),
                duration(body, "deviceCode", current.deviceCode()),
                duration(body, "clientSecret", current.clientSecret()));
        identity.lifetimes(updated);
        return ok(lifetimes(updated));
    }

    private Mono<ServerResponse> failNext(Map<String, Object> body) {
        int count = ((Number) body.getOrDefault("count", 1)).intValue();
        int status = ((Number) body.getOrDefault("status", 503)).intValue();
        Object retryAfter = body.get("retryAfterSeconds");
        TokenFailure failure = new TokenFailure(status, (String) body.get("error"),
                ((Number) body.getOrDefault("aadsts", 0)).intValue(),
                (String) body.getOrDefault("message", "The service is temporarily unavailable."),
                retryAfter == null ? null : Duration.ofSeconds(((Number) retryAfter).longValue()));
        identity.failNextTokenRequests(count, failure);
        return ok(Map.of("count", count, "status", status));
    }

    private Mono<ServerResponse> approve(ServerRequest request, Map<String, Object> body) {
        String userCode = request.pathVariable("userCode");
        if (!identity.approveDeviceCode(userCode, required(body, "username"))) {
            throw new NoSuchElementException("no pending device code " + userCode);
        }
        return ok(Map.of("approved", userCode));
    }

    private Map<String, Map<String, Long>> countsByGrant() {
        Map<String, Map<String, Long>> byGrant = new LinkedHashMap<>();
        identity.tokenRequests().counts().forEach((key, count) -> {
            String[] parts = key.split("/", 2);
            byGrant.computeIfAbsent(parts[0], grant -> new LinkedHashMap<>()).put(parts[1], count);
        });
        return byGrant;
    }

    private static Map<String, String> lifetimes(Lifetimes lifetimes) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("accessToken", lifetimes.accessToken().toString());
        json.put("refreshTokenInactivity", lifetimes.refreshTokenInactivity().toString());
        json.put("adfsSso", lifetimes.adfsSso().toString());
        json.put("authorizationCode", lifetimes.authorizationCode().toString());
        json.put("deviceCode", lifetimes.deviceCode().toString());
        json.put("clientSecret", lifetimes.clientSecret().toString());
        return json;
    }

    private static Duration duration(Map<String, Object> body, String name, Duration current) {
        Object value = body.get(name);
        try {
            return value == null ? current : Duration.parse((String) value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " is not an ISO-8601 duration");
        }
    }

    private static String required(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("missing " + name);
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    private static Mono<Map<String, Object>> body(ServerRequest request) {
        return request.bodyToMono(String.class).defaultIfEmpty("{}")
                .map(json -> (Map<String, Object>) Replies.JSON.readValue(json.isBlank() ? "{}" : json, Map.class));
    }

    private static Mono<ServerResponse> ok(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Replies.JSON.writeValueAsString(body));
    }

    private static Mono<ServerResponse> problem(int status, String message) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Replies.JSON.writeValueAsString(Map.of("error", String.valueOf(message))));
    }
}
