package io.crmbridge.local.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The sandbox's identity admin API ({@code /admin/identity/...}), for demos of an expiring connection. */
final class SandboxAdmin {

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SandboxAdmin(String sandbox) {
        this.base = sandbox.endsWith("/") ? sandbox.substring(0, sandbox.length() - 1) : sandbox;
    }

    /** Every refresh token of the user now fails as idle (AADSTS700082): the token-service reports TOKEN_EXPIRED. */
    int expireRefreshTokens(String user, PrintStream out) {
        if (!user.matches("[A-Za-z0-9@._+-]+")) {
            throw new Cli.UsageException("not a user name: " + user);
        }
        String path = "/admin/identity/users/" + user + "/refresh-tokens/expire";
        HttpResponse<String> response = post(path);
        if (response.statusCode() == 404) {
            throw new IllegalStateException("the sandbox has no user " + user);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("the sandbox answered " + response.statusCode() + ": " + response.body());
        }
        out.println("refresh tokens of " + user + " expired; the token-service reports TOKEN_EXPIRED at its next"
                + " refresh");
        return Cli.OK;
    }

    private HttpResponse<String> post(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the sandbox at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
