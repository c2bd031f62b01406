package io.crmbridge.sandbox.dataverse;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The Dataverse part of the admin API, under {@code /admin/dataverse}:
 * <pre>
 * POST   /admin/dataverse/orgs                          {"name":"fabrikam"}        create an org
 * GET    /admin/dataverse/orgs                                                     list orgs
 * GET    /admin/dataverse/orgs/{org}/limits                                        service-protection limits
 * PUT    /admin/dataverse/orgs/{org}/limits             {"requests":20,"windowSeconds":5,"concurrent":52,
 *                                                        "executionTimeMillis":0}  change them (fields optional)
 * POST   /admin/dataverse/orgs/{org}/tables             {"logicalName":"cr123_invoice","changeTracking":true}
 *                                                                                   add a custom table
 * POST   /admin/dataverse/orgs/{org}/tables/{table}/columns
 *                                                {"logicalName":"cr123_tier","type":"String","maxLength":100}
 *                                                {"logicalName":"cr123_rate","type":"Decimal","precision":4}
 *                                                {"logicalName":"cr123_level","type":"Picklist",
 *                                                 "options":{"1":"Gold","2":"Silver"}}
 *                                                                                   add a custom column (types:
 *                                                 Integer, BigInt, Double, Boolean, DateTime, String, Memo,
 *                                                 Decimal, Money, Picklist, MultiSelectPicklist)
 * DELETE /admin/dataverse/orgs/{org}/tables/{table}/columns/{column}               delete a column added so
 * POST   /admin/dataverse/orgs/{org}/delta-tokens/break                            expire every delta token
 * GET    /admin/dataverse/orgs/{org}/requests                                      request counts by status
 * DELETE /admin/dataverse/orgs/{org}/requests                                      reset the counts
 * </pre>
 */
final class DataverseAdmin {

    private final Dataverse dataverse;

    DataverseAdmin(Dataverse dataverse) {
        this.dataverse = dataverse;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST("/admin/dataverse/orgs", this::createOrg)
                .GET("/admin/dataverse/orgs", request -> json(200, dataverse.orgs().stream().map(this::describe).toList()))
                .GET("/admin/dataverse/orgs/{org}/limits", request -> withOrg(request, org -> json(200, limits(org.limits()))))
                .PUT("/admin/dataverse/orgs/{org}/limits", this::throttle)
                .POST("/admin/dataverse/orgs/{org}/tables", this::addTable)
                .POST("/admin/dataverse/orgs/{org}/tables/{table}/columns", this::addColumn)
                .DELETE("/admin/dataverse/orgs/{org}/tables/{table}/columns/{column}", request -> withOrg(request,
                        org -> {
                            try {
                                org.removeColumn(request.pathVariable("table"), request.pathVariable("column"));
                                return ServerResponse.noContent().build();
                            } catch (IllegalArgumentException e) {
                                return json(400, Map.of("error", e.getMessage()));
                            }
                        }))
                .POST("/admin/dataverse/orgs/{org}/delta-tokens/break", request -> withOrg(request, org -> {
                    org.breakDeltaTokens();
                    return ServerResponse.noContent().build();
                }))
                .GET("/admin/dataverse/orgs/{org}/requests", request -> withOrg(request, org -> json(200, counts(org))))
                .DELETE("/admin/dataverse/orgs/{org}/requests", request -> withOrg(request, org -> {
                    org.resetRequestCounts();
                    return ServerResponse.noContent().build();
                }))
                .build();
    }

    private Mono<ServerResponse> createOrg(ServerRequest request) {
        return jsonBody(request).flatMap(body -> {
            JsonNode name = body.get("name");
            if (name == null || !name.isString()) {
                return json(400, Map.of("error", "body must be {\"name\": \"<org>\"}"));
            }
            try {
                return json(201, describe(dataverse.createOrg(name.stringValue())));
            } catch (IllegalArgumentException e) {
                return json(400, Map.of("error", e.getMessage()));
            }
        });
    }

    private Mono<ServerResponse> addTable(ServerRequest request) {
        return withOrg(request, org -> jsonBody(request).flatMap(body -> {
            JsonNode name = body.get("logicalName");
            if (name == null || !name.isString()) {
                return json(400, Map.of("error", "body must be {\"logicalName\": \"<table>\", \"changeTracking\":"
                        + " true|false}"));
            }
            try {
                org.addTable(name.stringValue(), body.path("changeTracking").asBoolean(true));
                return json(201, Map.of("logicalName", name.stringValue()));
            } catch (IllegalArgumentException e) {
                return json(400, Map.of("error", e.getMessage()));
            }
        }));
    }

    private Mono<ServerResponse> addColumn(ServerRequest request) {
        return withOrg(request, org -> jsonBody(request).flatMap(body -> {
            JsonNode name = body.get("logicalName");
            JsonNode type = body.get("type");
            if (name == null || !name.isString() || type == null || !type.isString()) {
                return json(400, Map.of("error", "body must be {\"logicalName\": \"<prefix>_<column>\", \"type\":"
                        + " \"<attribute type>\"} with maxLength, precision or options as the type needs"));
            }
            try {
                CustomColumn column = column(name.stringValue(), type.stringValue(), body);
                org.addColumn(request.pathVariable("table"), column);
                return json(201, Map.of("logicalName", column.logicalName(), "type", type.stringValue()));
            } catch (IllegalArgumentException e) {
                return json(400, Map.of("error", e.getMessage()));
            }
        }));
    }

    private static CustomColumn column(String name, String type, JsonNode body) {
        return switch (type) {
            case "String" -> CustomColumn.text(name, body.path("maxLength").asInt(100));
            case "Memo" -> CustomColumn.memo(name, body.path("maxLength").asInt(2000));
            case "Decimal" -> CustomColumn.decimal(name, body.path("precision").asInt(2));
            case "Money" -> CustomColumn.money(name, body.path("precision").asInt(2));
            case "Picklist" -> CustomColumn.choice(name, options(body.path("options")));
            case "MultiSelectPicklist" -> CustomColumn.multiChoice(name, options(body.path("options")));
            default -> CustomColumn.of(name, type);
        };
    }

    /** {@code {"1":"Gold","2":"Silver"}}, in the body's order. */
    private static Map<Integer, String> options(JsonNode options) {
        Map<Integer, String> parsed = new LinkedHashMap<>();
        for (var option : options.properties()) {
            try {
                parsed.put(Integer.valueOf(option.getKey()), option.getValue().asString());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option value " + option.getKey() + " is not an integer");
            }
        }
        return parsed;
    }

    private Mono<ServerResponse> throttle(ServerRequest request) {
        return withOrg(request, org -> jsonBody(request).flatMap(body -> {
            ServiceProtectionLimits current = org.limits();
            try {
                ServiceProtectionLimits limits = new ServiceProtectionLimits(
                        body.path("requests").asInt(current.requests()),
                        Duration.ofSeconds(body.path("windowSeconds").asLong(current.window().toSeconds())),
                        body.path("concurrent").asInt(current.concurrent()),
                        Duration.ofMillis(body.path("executionTimeMillis").asLong(current.executionTime().toMillis())));
                org.throttle(limits);
                return json(200, limits(limits));
            } catch (IllegalArgumentException e) {
                return json(400, Map.of("error", e.getMessage()));
            }
        }));
    }

    /** The request body as JSON; an empty or broken body reads as an empty object (every field optional). */
    private static Mono<JsonNode> jsonBody(ServerRequest request) {
        return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).map(bytes -> {
            try {
                return JsonBodies.read(bytes);
            } catch (DataverseError e) {
                return JsonBodies.MAPPER.createObjectNode();
            }
        });
    }

    private Mono<ServerResponse> withOrg(ServerRequest request,
                                         java.util.function.Function<Org, Mono<ServerResponse>> action) {
        Org org = dataverse.existingOrg(request.pathVariable("org"));
        return org == null ? json(404, Map.of("error", "no org " + request.pathVariable("org"))) : action.apply(org);
    }

    private Map<String, Object> describe(Org org) {
        return Map.of("name", org.name(), "url", org.url(), "apiUrl", org.apiUrl());
    }

    private static Map<String, Object> limits(ServiceProtectionLimits limits) {
        return Map.of("requests", limits.requests(), "windowSeconds", limits.window().toSeconds(),
                "concurrent", limits.concurrent(), "executionTimeMillis", limits.executionTime().toMillis());
    }

    private static Map<String, Object> counts(Org org) {
        RequestCounts counts = org.requestCounts();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        counts.byStatus().forEach((status, count) -> byStatus.put(String.valueOf(status), count));
        return Map.of("total", counts.total(), "throttled", counts.throttled(), "byStatus", byStatus,
                "batchOperations", counts.batchOperations());
    }

    private static Mono<ServerResponse> json(int status, Object body) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JsonBodies.MAPPER.writeValueAsBytes(body));
    }

}
