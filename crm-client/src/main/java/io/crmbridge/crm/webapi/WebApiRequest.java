package io.crmbridge.crm.webapi;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Web API request, sent on its own ({@link DataverseConnection#execute}) or as a part of a {@link Batch}.
 * The connection adds authorization and the standard OData headers.
 *
 * @param method  GET, POST, PATCH, PUT or DELETE
 * @param url     relative to the API root ({@code accounts(…)?$select=name}) or absolute (a nextLink); sent as is
 * @param headers extra headers (Prefer, If-Match, Content-Type…)
 * @param body    the request body, or null
 */
public record WebApiRequest(String method, String url, Map<String, String> headers, byte[] body) {

    public WebApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(headers);
    }

    public static WebApiRequest get(String url) {
        return new WebApiRequest("GET", url, Map.of(), null);
    }

    /** A request whose body is JSON ({@code Content-Type: application/json}). */
    public static WebApiRequest json(String method, String url, byte[] json) {
        return new WebApiRequest(method, url, Map.of("Content-Type", "application/json"), json);
    }

    public static WebApiRequest json(String method, String url, String json) {
        return json(method, url, json.getBytes(StandardCharsets.UTF_8));
    }

    public WebApiRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new WebApiRequest(method, url, more, body);
    }

    public boolean isAbsolute() {
        return url.startsWith("https://") || url.startsWith("http://");
    }

    @Override
    public String toString() {
        // Bodies may hold customer data; headers never hold the token (the connection adds it on sending).
        return method + " " + url;
    }
}
