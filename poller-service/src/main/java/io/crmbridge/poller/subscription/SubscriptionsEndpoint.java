package io.crmbridge.poller.subscription;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.crmbridge.crm.connection.ConnectionId;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.codec.CodecException;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The subscriptions admin API (behind the admin login):
 * <ul>
 * <li>{@code GET /api/subscriptions} and {@code GET /api/subscriptions/{connection}}: the subscriptions;</li>
 * <li>{@code GET /api/subscriptions/{connection}/{table}}: one, 404 if there is none;</li>
 * <li>{@code PUT /api/subscriptions/{connection}/{table}[?reset=true]} with a JSON body of the settings
 * ({@code columns, strategy, start, format, interval, activeInterval, pageSize, formattedValues, entitySet}; all
 * optional):
 * 201 created, 200 changed, 400 listing every problem, 503 when the table's metadata cannot be read; nothing
 * changes unless it answers 200/201;</li>
 * <li>{@code DELETE /api/subscriptions/{connection}/{table}}: stops capturing it, keeps its checkpoint (200; 404).</li>
 * <li>{@code POST /api/subscriptions/{connection}/{table}/snapshot[?id=…]}: asks for a snapshot on demand (202 with
 * its {@code snapshotId}; 404). An {@code id} already asked for is the same request (202, nothing new).</li>
 * </ul>
 */
final class SubscriptionsEndpoint {

    private static final String BASE = "/api/subscriptions";
    private static final Set<String> FIELDS = Set.of("columns", "strategy", "start", "interval", "activeInterval",
            "pageSize", "formattedValues", "entitySet", "format");

    private final SubscriptionAdmin admin;
    private final SubscriptionCatalogue catalogue;
    private final PollerSettings.TableDefaults defaults;

    SubscriptionsEndpoint(SubscriptionAdmin admin, SubscriptionCatalogue catalogue) {
        this.admin = admin;
        this.catalogue = catalogue;
        this.defaults = catalogue.defaults();
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(BASE, request -> ok(catalogue.specs()))
                .GET(BASE + "/{connection}", request -> ok(catalogue.specs(
                        ConnectionId.of(request.pathVariable("connection")))))
                .GET(BASE + "/{connection}/{table}", this::get)
                .PUT(BASE + "/{connection}/{table}", this::put)
                .DELETE(BASE + "/{connection}/{table}", this::delete)
                .POST(BASE + "/{connection}/{table}/snapshot", this::snapshot)
                .onError(IllegalArgumentException.class, (e, request) -> badRequest(List.of(e.getMessage())))
                .build();
    }

    private Mono<ServerResponse> get(ServerRequest request) {
        SubscriptionKey key = key(request);
        return catalogue.spec(key).map(spec -> ServerResponse.ok().bodyValue(view(spec)))
                .orElseGet(() -> notFound(key));
    }

    private Mono<ServerResponse> put(ServerRequest request) {
        SubscriptionKey key = key(request);
        boolean reset = request.queryParam("reset").map(Boolean::parseBoolean).orElse(false);
        return request.bodyToMono(Map.class).<Map<?, ?>>map(body -> body).defaultIfEmpty(Map.of())
                .zipWith(request.principal().map(Principal::getName))
                .flatMap(bodyAndAuthor -> {
                    List<String> problems = new ArrayList<>();
                    SubscriptionSpec requested = parse(key, bodyAndAuthor.getT1(), problems);
                    if (!problems.isEmpty()) {
                        return badRequest(problems);
                    }
                    return Mono.<SubscriptionAdmin.Outcome>fromCallable(() -> admin.put(requested, reset,
                                    bodyAndAuthor.getT2()))
                            .subscribeOn(Schedulers.boundedElastic()).flatMap(this::answer);
                })
                .onErrorResume(SubscriptionsEndpoint::unreadableBody,
                        e -> badRequest(List.of("the body is not a JSON object")));
    }

    private static boolean unreadableBody(Throwable e) {
        return e instanceof CodecException || e instanceof ServerWebInputException;
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        SubscriptionKey key = key(request);
        return Mono.fromCallable(() -> admin.remove(key)).subscribeOn(Schedulers.boundedElastic())
                .flatMap(this::answer);
    }

    private Mono<ServerResponse> snapshot(ServerRequest request) {
        SubscriptionKey key = key(request);
        String id = request.queryParam("id").filter(value -> !value.isBlank()).orElse(null);
        return request.principal().map(Principal::getName)
                .flatMap(author -> Mono.fromCallable(() -> admin.snapshot(key, id, author))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(this::answer);
    }

    private Mono<ServerResponse> answer(SubscriptionAdmin.Outcome outcome) {
        if (outcome instanceof SubscriptionAdmin.SnapshotAsked asked) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("connection", asked.spec().key().connection().value());
            body.put("table", asked.spec().key().entity());
            body.put("snapshotId", asked.request().id());
            body.put("requestedAt", asked.request().requestedAt().toString());
            body.put("requestedBy", asked.request().requestedBy());
            body.put("repeated", asked.repeated());
            return ServerResponse.status(HttpStatus.ACCEPTED).bodyValue(body);
        }
        if (outcome instanceof SubscriptionAdmin.Stored stored) {
            return ServerResponse.status(stored.created() ? HttpStatus.CREATED : HttpStatus.OK)
                    .bodyValue(view(stored.spec()));
        }
        if (outcome instanceof SubscriptionAdmin.Removed removed) {
            return ServerResponse.ok().bodyValue(Map.of("removed", removed.was().key().toString(),
                    "checkpoint", "kept: adding it again resumes from it"));
        }
        if (outcome instanceof SubscriptionAdmin.Rejected rejected) {
            return badRequest(rejected.problems());
        }
        if (outcome instanceof SubscriptionAdmin.Undecided undecided) {
            return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).bodyValue(Map.of("error",
                    "the table's metadata cannot be read now; nothing was changed: " + undecided.reason()));
        }
        return notFound(((SubscriptionAdmin.NotFound) outcome).key());
    }

    /** The settings of a PUT body; every field it cannot use is a problem. */
    private SubscriptionSpec parse(SubscriptionKey key, Map<?, ?> body, List<String> problems) {
        body.keySet().stream().map(String::valueOf).filter(field -> !FIELDS.contains(field)).sorted()
                .forEach(field -> problems.add("unknown field '" + field + "' (known: "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + ")"));
        List<String> columns = columns(body.get("columns"), problems);
        Strategy strategy = choice(body.get("strategy"), Strategy.class, defaults.strategy(), "strategy", problems);
        StartPosition start = choice(body.get("start"), StartPosition.class, defaults.start(), "start", problems);
        ChangeFormat format = choice(body.get("format"), ChangeFormat.class, defaults.format(), "format", problems);
        Duration interval = duration(body.get("interval"), "interval", problems);
        Duration active = duration(body.get("activeInterval"), "activeInterval", problems);
        Integer pageSize = body.get("pageSize") == null ? null : number(body.get("pageSize"), problems);
        Object formatted = body.get("formattedValues");
        if (formatted != null && !(formatted instanceof Boolean)) {
            problems.add("formattedValues must be true or false: " + formatted);
        }
        Object entitySet = body.get("entitySet");
        return new SubscriptionSpec(key, entitySet == null ? null : entitySet.toString(), columns, strategy, start,
                interval, active, pageSize, formatted instanceof Boolean b ? b : null, 0, Instant.EPOCH, "request", null,
                format);
    }

    private static List<String> columns(Object value, List<String> problems) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(c -> !(c instanceof String))) {
            problems.add("columns must be a list of column logical names: " + value);
            return List.of();
        }
        return list.stream().map(c -> ((String) c).toLowerCase(Locale.ROOT)).toList();
    }

    private static <E extends Enum<E>> E choice(Object value, Class<E> type, E fallback, String field,
                                                List<String> problems) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.toString().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(field + " must be one of " + List.of(type.getEnumConstants()) + ": " + value);
            return fallback;
        }
    }

    private static Duration duration(Object value, String field, List<String> problems) {
        if (value == null) {
            return null;
        }
        try {
            return DurationStyle.detectAndParse(value.toString());
        } catch (IllegalArgumentException e) {
            problems.add(field + " must be a duration such as 1s, 250ms or PT5M: " + value);
            return null;
        }
    }

    private static Integer number(Object value, List<String> problems) {
        if (value instanceof Integer i) {
            return i;
        }
        problems.add("pageSize must be a whole number: " + value);
        return null;
    }

    private Map<String, Object> view(SubscriptionSpec spec) {
        Subscription resolved = spec.resolve(defaults);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("connection", spec.key().connection().value());
        view.put("table", spec.key().entity());
        view.put("entitySet", resolved.entitySet());
        view.put("columns", resolved.columns());
        view.put("strategy", resolved.strategy().name());
        view.put("start", resolved.start().name());
        view.put("format", resolved.format().name());
        view.put("interval", resolved.interval().toString());
        view.put("activeInterval", resolved.activeInterval().toString());
        view.put("pageSize", resolved.pageSize());
        view.put("formattedValues", resolved.formattedValues());
        view.put("generation", spec.generation());
        view.put("updatedAt", spec.updatedAt().toString());
        view.put("updatedBy", spec.updatedBy());
        if (spec.snapshot() != null) {
            view.put("snapshot", Map.of("id", spec.snapshot().id(), "requestedAt",
                    spec.snapshot().requestedAt().toString(), "requestedBy", spec.snapshot().requestedBy()));
        }
        return view;
    }

    private Mono<ServerResponse> ok(List<SubscriptionSpec> specs) {
        return ServerResponse.ok().bodyValue(specs.stream().map(this::view).toList());
    }

    private static Mono<ServerResponse> badRequest(List<String> problems) {
        return ServerResponse.badRequest().bodyValue(Map.of("problems", problems));
    }

    private static Mono<ServerResponse> notFound(SubscriptionKey key) {
        return ServerResponse.status(HttpStatus.NOT_FOUND).bodyValue(Map.of("error", "no subscription " + key));
    }

    private static SubscriptionKey key(ServerRequest request) {
        return SubscriptionKey.of(request.pathVariable("connection"),
                request.pathVariable("table").toLowerCase(Locale.ROOT));
    }
}
