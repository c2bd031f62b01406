package io.crmbridge.schemas.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The Confluent REST API over the JDK HTTP client: JSON in, JSON out, Confluent's media type on every request,
 * failures turned into {@link SchemaRegistryException}s that name the registry, the request, the HTTP status and
 * the {@code error_code}. With several URLs, an unreachable one is skipped and the one that answered is kept.
 */
final class RegistryHttp {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient client;
    private final RegistrySettings settings;
    private volatile int preferred;

    RegistryHttp(RegistrySettings settings) {
        this.settings = settings;
        // HTTP/1.1: registries and proxies in front of them are plain REST servers; h2c upgrade buys nothing here.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).build();
    }

    JsonMapper json() {
        return json;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, JsonNode body) {
        return send("POST", path, json.writeValueAsString(body));
    }

    JsonNode put(String path, JsonNode body) {
        return send("PUT", path, json.writeValueAsString(body));
    }

    /** One path segment, percent-encoded: subject names may hold any character. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, String body) {
        List<URI> urls = settings.urls();
        IOException failure = null;
        for (int attempt = 0; attempt < urls.size(); attempt++) {
            int index = (preferred + attempt) % urls.size();
            try {
                HttpResponse<String> response = client.send(request(urls.get(index), method, path, body),
                        HttpResponse.BodyHandlers.ofString());
                preferred = index;
                return answer(urls.get(index), method, path, response);
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(0, 0, "interrupted", true, "Interrupted while calling schema "
                        + "registry " + urls.get(index) + " (" + method + " " + path + ")", e);
            }
        }
        throw unreachable(method, path, failure);
    }

    private HttpRequest request(URI base, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(settings.requestTimeout())
                .header("Content-Type", CONTENT_TYPE)
                .header("Accept", ACCEPT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        settings.basicAuth().ifPresent(auth -> request.header("Authorization", auth.header()));
        return request.build();
    }

    private JsonNode answer(URI base, String method, String path, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return response.body().isBlank() ? MissingNode.getInstance() : json.readTree(response.body());
            } catch (JacksonException e) {
                throw new SchemaRegistryException(status, 0, "unreadable answer", false, "Schema registry " + base
                        + " answered " + method + " " + path + " with a body that is not JSON", e);
            }
        }
        throw failed(base, method, path, status, response.body());
    }

    private SchemaRegistryException failed(URI base, String method, String path, int status, String body) {
        int errorCode = status;
        String detail = abbreviated(body);
        try {
            JsonNode error = json.readTree(body);
            errorCode = error.path("error_code").asInt(status);
            detail = error.path("message").asString(detail);
        } catch (JacksonException notJson) {
            // a proxy or load balancer answered: its body is the best description there is
        }
        boolean retryable = status >= 500 || status == 408 || status == 429;
        return new SchemaRegistryException(status, errorCode, detail, retryable, "Schema registry " + base
                + " answered HTTP " + status + " (error_code " + errorCode + ") to " + method + " " + path + ": "
                + detail + (retryable ? " [retryable]" : ""), null);
    }

    private SchemaRegistryException unreachable(String method, String path, IOException cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new SchemaRegistryException(0, 0, "unreachable", true, "Schema registry unreachable at "
                + settings.urls() + " (" + method + " " + path + "): " + reason + " [retryable]", cause);
    }

    private static String abbreviated(String body) {
        String trimmed = body == null ? "" : body.strip();
        return trimmed.length() <= 200 ? trimmed : trimmed.substring(0, 197) + "...";
    }
}
