package io.crmbridge.sandbox.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.SignalType;

/**
 * Every request the sandbox answered, counted by area, method, status, org and injected fault, so tests and
 * benchmarks can assert on traffic ("no 429 storm", "one token request per hour"). A request that got no answer
 * (an injected reset, a client that hung up first) counts with status 0. Counting wraps the servers' HTTP
 * handlers, so it sees final statuses, 404s and errors included.
 */
public final class RequestCounts {

    /** What part of the sandbox a request was for. */
    public enum Area {
        DATAVERSE, IDENTITY, REGISTRY, ADMIN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One line of counts: requests alike in every field. {@code org} is set for Dataverse requests only. */
    public record Entry(Area area, String method, int status, Optional<String> org, Optional<String> fault,
                        long count) {
    }

    private record Key(Area area, String method, int status, Optional<String> org, Optional<String> fault) {
    }

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts what {@code handler} answers on the HTTPS port: Dataverse, identity and admin. */
    public HttpHandler countingHttps(HttpHandler handler) {
        return counting(handler, Area.IDENTITY);
    }

    /** Counts what {@code handler} answers on the plain-HTTP port: the registry and admin. */
    public HttpHandler countingHttp(HttpHandler handler) {
        return counting(handler, Area.REGISTRY);
    }

    public long total() {
        return count(entry -> true);
    }

    public long count(Area area) {
        return count(entry -> entry.area() == area);
    }

    public long count(Area area, int status) {
        return count(entry -> entry.area() == area && entry.status() == status);
    }

    public long count(Predicate<Entry> which) {
        return entries().stream().filter(which).mapToLong(Entry::count).sum();
    }

    public List<Entry> entries() {
        return counts.entrySet().stream()
                .map(e -> new Entry(e.getKey().area(), e.getKey().method(), e.getKey().status(),
                        e.getKey().org(), e.getKey().fault(), e.getValue().sum()))
                .sorted(Comparator.comparing(Entry::area).thenComparing(Entry::method)
                        .thenComparingInt(Entry::status).thenComparing(entry -> entry.org().orElse("")))
                .toList();
    }

    public void reset() {
        counts.clear();
    }

    private HttpHandler counting(HttpHandler handler, Area elsewhere) {
        return (request, response) -> handler.handle(request, response)
                .doFinally(signal -> record(request, response, elsewhere, signal == SignalType.CANCEL));
    }

    private void record(ServerHttpRequest request, ServerHttpResponse response, Area elsewhere, boolean cancelled) {
        String path = request.getPath().pathWithinApplication().value();
        Area area = areaOf(path, elsewhere);
        Optional<String> fault = Optional.ofNullable(response.getHeaders().getFirst(Faults.HEADER));
        Key key = new Key(area, request.getMethod().name(), status(response, fault, cancelled),
                area == Area.DATAVERSE ? org(path) : Optional.empty(), fault);
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static Area areaOf(String path, Area elsewhere) {
        if (path.equals("/admin") || path.startsWith("/admin/")) {
            return Area.ADMIN;
        }
        return elsewhere == Area.IDENTITY && path.startsWith("/org/") ? Area.DATAVERSE : elsewhere;
    }

    private static int status(ServerHttpResponse response, Optional<String> fault, boolean cancelled) {
        if (fault.filter("reset"::equals).isPresent()) {
            return 0;
        }
        HttpStatusCode status = response.getStatusCode();
        if (status != null) {
            return status.value();
        }
        // A handler that completes without a status is sent as 200; a client that left before one got nothing.
        return cancelled ? 0 : 200;
    }

    private static Optional<String> org(String path) {
        String[] segments = path.split("/", 4);
        return segments.length > 2 && !segments[2].isEmpty() ? Optional.of(segments[2]) : Optional.empty();
    }
}
