package io.crmbridge.sandbox.identity;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * The parameters of a request: an {@code application/x-www-form-urlencoded} body or a query string; the first value
 * of a repeated name wins. The body is parsed whatever its content type, since some clients (MSAL4J's device code
 * request) send none.
 */
record Form(Map<String, String> values) {

    Form {
        values = Map.copyOf(values);
    }

    static Mono<Form> body(ServerRequest request) {
        return request.bodyToMono(String.class).defaultIfEmpty("").map(Form::parse);
    }

    static Form parse(String urlEncoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : urlEncoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            values.putIfAbsent(name, value);
        }
        return new Form(values);
    }

    static Form of(MultiValueMap<String, String> query) {
        Map<String, String> values = new LinkedHashMap<>();
        query.forEach((name, list) -> {
            if (!list.isEmpty() && list.get(0) != null) {
                values.put(name, list.get(0));
            }
        });
        return new Form(values);
    }

    /** The value, or null when the parameter is absent or blank. */
    String get(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(get(name));
    }

    boolean has(String name) {
        return get(name) != null;
    }

    Form with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new Form(copy);
    }

    Form without(String... names) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        for (String name : names) {
            copy.remove(name);
        }
        return new Form(copy);
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    @Override
    public String toString() {
        // Parameters carry passwords, secrets, codes and tokens: only their names may be printed.
        return "Form" + values.keySet();
    }
}
