package io.crmbridge.sandbox.admin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Lists the routes of a router function as {@code "GET /admin/clock"} lines, read from the routes themselves so
 * {@code GET /admin} stays true as the Dataverse and identity admin routes grow.
 */
final class Endpoints implements RouterFunctions.Visitor, RequestPredicates.Visitor {

    private final List<String> found = new ArrayList<>();
    private final Deque<String> prefixes = new ArrayDeque<>();
    private final Set<String> methods = new TreeSet<>();
    private final List<String> paths = new ArrayList<>();

    private Endpoints() {
    }

    static List<String> of(RouterFunction<?> routes) {
        Endpoints endpoints = new Endpoints();
        routes.accept(endpoints);
        return List.copyOf(endpoints.found);
    }

    @Override
    public void startNested(RequestPredicate predicate) {
        read(predicate);
        prefixes.push(prefix() + String.join("", paths));
    }

    @Override
    public void endNested(RequestPredicate predicate) {
        prefixes.pop();
    }

    @Override
    public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
        read(predicate);
        if (paths.isEmpty()) {
            found.add(prefix() + " " + predicate);
            return;
        }
        String method = methods.isEmpty() ? "*" : String.join("|", methods);
        paths.forEach(path -> found.add(method + " " + prefix() + path));
    }

    private void read(RequestPredicate predicate) {
        methods.clear();
        paths.clear();
        predicate.accept(this);
    }

    private String prefix() {
        return prefixes.isEmpty() ? "" : prefixes.peek();
    }

    @Override
    public void method(Set<HttpMethod> accepted) {
        accepted.forEach(method -> methods.add(method.name()));
    }

    @Override
    public void path(String pattern) {
        paths.add(pattern);
    }

    // The rest of both visitor interfaces carries nothing the listing shows.
    @Override
    public void resources(Function<ServerRequest, Mono<Resource>> lookup) {
    }

    @Override
    public void attributes(Map<String, Object> attributes) {
    }

    @Override
    public void unknown(RouterFunction<?> routerFunction) {
    }

    @Override
    public void pathExtension(String extension) {
    }

    @Override
    public void header(String name, String value) {
    }

    @Override
    public void queryParam(String name, String value) {
    }

    @Override
    public void version(String version) {
    }

    @Override
    public void startAnd() {
    }

    @Override
    public void and() {
    }

    @Override
    public void endAnd() {
    }

    @Override
    public void startOr() {
    }

    @Override
    public void or() {
    }

    @Override
    public void endOr() {
    }

    @Override
    public void startNegate() {
    }

    @Override
    public void endNegate() {
    }

    @Override
    public void unknown(RequestPredicate predicate) {
    }
}
