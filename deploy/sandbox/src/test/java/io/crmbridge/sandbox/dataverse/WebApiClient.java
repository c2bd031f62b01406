package io.crmbridge.sandbox.dataverse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxTls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A JDK HttpClient talking to one sandbox org's Web API over HTTPS with a valid app token, for the ITs. */
final class WebApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().sslContext(SandboxTls.sslContext())
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final String api;
    private final String token;

    WebApiClient(Sandbox sandbox, String org) {
        String orgUrl = sandbox.dataverse().org(org).url();
        this.api = orgUrl + "/api/data/v9.2/";
        this.token = sandbox.appAccessToken(orgUrl);
    }

    String api() {
        return api;
    }

    HttpRequest.Builder request(String path) {
        String url = (path.startsWith("https:") ? path : api + path).replace(" ", "%20");
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("OData-MaxVersion", "4.0")
                .header("OData-Version", "4.0");
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder builder = request(path).GET();
        return send(headers.length == 0 ? builder : builder.headers(headers));
    }

    HttpResponse<String> post(String path, String json, String... headers) {
        return send(withBody(path, "POST", json, headers));
    }

    HttpResponse<String> patch(String path, String json, String... headers) {
        return send(withBody(path, "PATCH", json, headers));
    }

    HttpResponse<String> put(String path, String json, String... headers) {
        return send(withBody(path, "PUT", json, headers));
    }

    HttpResponse<String> delete(String path, String... headers) {
        HttpRequest.Builder builder = request(path).DELETE();
        return send(headers.length == 0 ? builder : builder.headers(headers));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient http() {
        return http;
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder withBody(String path, String method, String json, String... headers) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        return headers.length == 0 ? builder : builder.headers(headers);
    }
}
