package io.crmbridge.local.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import io.crmbridge.local.cli.Cli.UsageException;

/**
 * The poller-service's subscriptions admin API ({@code /api/subscriptions}) over HTTP basic: the requests, and
 * their answers as status and body. What an answer means is {@link Subscriptions}'s to say.
 */
final class PollerAdmin {

    static final String USER_ENV = "CRMBRIDGE_ADMIN_USER";
    static final String PASSWORD_ENV = "CRMBRIDGE_ADMIN_PASSWORD";
    private static final String DEFAULT_USER = "admin";
    // Wait longer than a write's own read-back (the poller answers a PUT once its follower has read it).
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String user;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PollerAdmin(URI base, String user, String password) {
        this.base = base;
        this.user = user;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The API of {@code access}, signed in with the user and password it names or the environment's. */
    static PollerAdmin of(CliOptions.PollerAccess access, Map<String, String> env) {
        String user = access.user().or(() -> nonBlank(env.get(USER_ENV))).orElse(DEFAULT_USER);
        // Never name the variable in the message: a password typed where its name belongs would be printed.
        String password = nonBlank(env.get(access.passwordEnv().orElse(PASSWORD_ENV))).orElseThrow(() ->
                new UsageException(access.passwordEnv().isPresent()
                        ? "the environment variable named by --password-env is not set"
                        : "no password for the poller: set " + PASSWORD_ENV + " (the local stack's is local-admin)"
                                + " or name another variable with --password-env"));
        return new PollerAdmin(url(access.url()), user, password);
    }

    String user() {
        return user;
    }

    URI base() {
        return base;
    }

    HttpRequest list(Optional<String> connection) {
        return request(connection.map(c -> "/" + c).orElse("")).GET().build();
    }

    HttpRequest get(String connection, String table) {
        return request("/" + connection + "/" + table).GET().build();
    }

    HttpRequest put(String connection, String table, String jsonBody, boolean reset) {
        return request("/" + connection + "/" + table + (reset ? "?reset=true" : ""))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8)).build();
    }

    HttpRequest remove(String connection, String table) {
        return request("/" + connection + "/" + table).DELETE().build();
    }

    /** {@code id}: the snapshot's own id (asking again with it is the same request); empty: the poller picks one. */
    HttpRequest snapshot(String connection, String table, Optional<String> id) {
        return request("/" + connection + "/" + table + "/snapshot"
                + id.map(i -> "?id=" + URLEncoder.encode(i, StandardCharsets.UTF_8)).orElse(""))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    /** The answer; an unreachable poller is a failure of the command. */
    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the poller at " + base + " (is it running? --poller sets"
                    + " its URL): " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An HTTP answer of the poller. */
    record Answer(int status, String body) {
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + "/api/subscriptions" + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization).header("Accept", "application/json");
    }

    private static URI url(String text) {
        try {
            URI url = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--poller needs an http(s) URL such as http://localhost:8091: " + text);
        }
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
