package io.crmbridge.sandbox.traffic;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The traffic generator's admin routes:
 * <pre>
 * GET  /admin/traffic                 status and counts
 * POST /admin/traffic/start           {"org":"contoso","table":"account","ratePerSecond":100,
 *                                      "creates":60,"updates":30,"deletes":10}   (weights optional)
 * POST /admin/traffic/stop
 * </pre>
 */
final class TrafficEndpoints {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final TrafficGenerator generator;

    TrafficEndpoints(TrafficGenerator generator) {
        this.generator = generator;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/admin/traffic", request -> json(200, status()))
                .POST("/admin/traffic/start", this::start)
                .POST("/admin/traffic/stop", request -> {
                    generator.stop();
                    return json(200, status());
                })
                .build();
    }

    private Mono<ServerResponse> start(ServerRequest request) {
        return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap(bytes -> {
            try {
                JsonNode body = JSON.readTree(bytes.length == 0 ? "{}".getBytes() : bytes);
                generator.start(new TrafficPlan(body.path("org").asString("contoso"),
                        body.path("table").asString("account"), body.path("ratePerSecond").asDouble(10),
                        body.path("creates").asInt(60), body.path("updates").asInt(30),
                        body.path("deletes").asInt(10)));
                return json(200, status());
            } catch (RuntimeException e) {
                return json(400, Map.of("error", String.valueOf(e.getMessage())));
            }
        });
    }

    private Map<String, Object> status() {
        TrafficGenerator.Status status = generator.status();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("running", status.running());
        if (status.plan() != null) {
            TrafficPlan plan = status.plan();
            body.put("plan", Map.of("org", plan.org(), "table", plan.table(), "ratePerSecond", plan.ratePerSecond(),
                    "creates", plan.creates(), "updates", plan.updates(), "deletes", plan.deletes()));
        }
        body.put("created", status.created());
        body.put("updated", status.updated());
        body.put("deleted", status.deleted());
        body.put("failed", status.failed());
        return body;
    }

    private static Mono<ServerResponse> json(int status, Object body) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JSON.writeValueAsBytes(body));
    }
}
