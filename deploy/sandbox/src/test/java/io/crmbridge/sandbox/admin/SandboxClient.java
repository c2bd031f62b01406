package io.crmbridge.sandbox.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxTls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A JDK HTTP client that trusts the sandbox certificate, with the few calls the admin tests make. */
final class SandboxClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder()
            .sslContext(SandboxTls.sslContext())
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Sandbox sandbox;

    SandboxClient(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    URI https(String path) {
        return URI.create(sandbox.httpsBase() + path);
    }

    URI http(String path) {
        return URI.create(sandbox.httpBase() + path);
    }

    HttpResponse<String> get(URI uri, String... headers) throws IOException {
        return send(request(uri, headers).GET());
    }

    HttpResponse<String> post(URI uri, String body, String... headers) throws IOException {
        return send(request(uri, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(String method, URI uri, String json) throws IOException {
        return send(request(uri).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> postForm(URI uri, String form) throws IOException {
        return send(request(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    HttpResponse<String> delete(URI uri) throws IOException {
        return send(request(uri).DELETE());
    }

    /** Arms a fault through the admin API and answers its id. */
    long arm(String ruleJson) throws IOException {
        HttpResponse<String> response = post(https("/admin/faults"), ruleJson);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("arming " + ruleJson + " gave " + response.statusCode() + " "
                    + response.body());
        }
        return json(response).get("id").longValue();
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static Optional<String> fault(HttpResponse<String> response) {
        return response.headers().firstValue(Faults.HEADER);
    }

    private static HttpRequest.Builder request(URI uri, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        return headers.length == 0 ? builder : builder.headers(headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
