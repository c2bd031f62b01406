package io.crmbridge.sandbox.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.summingLong;

/** {@code GET /admin/requests} (counts so far) and {@code DELETE /admin/requests} (start again from zero). */
final class RequestEndpoints {

    private final RequestCounts counts;

    RequestEndpoints(RequestCounts counts) {
        this.counts = counts;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/admin/requests", request -> report())
                .DELETE("/admin/requests", request -> {
                    counts.reset();
                    return ServerResponse.noContent().build();
                })
                .build();
    }

    private Mono<ServerResponse> report() {
        List<RequestCounts.Entry> entries = counts.entries();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", entries.stream().mapToLong(RequestCounts.Entry::count).sum());
        body.put("byArea", entries.stream().collect(groupingBy(entry -> entry.area().label(), TreeMap::new,
                summingLong(RequestCounts.Entry::count))));
        body.put("byStatus", entries.stream().collect(groupingBy(entry -> Integer.toString(entry.status()),
                TreeMap::new, summingLong(RequestCounts.Entry::count))));
        body.put("entries", entries.stream().map(RequestEndpoints::line).toList());
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    private static Map<String, Object> line(RequestCounts.Entry entry) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("area", entry.area().label());
        line.put("method", entry.method());
        line.put("status", entry.status());
        entry.org().ifPresent(org -> line.put("org", org));
        entry.fault().ifPresent(fault -> line.put("fault", fault));
        line.put("count", entry.count());
        return line;
    }
}
