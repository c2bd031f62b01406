package io.crmbridge.token.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Comparator;
import java.util.stream.Collectors;

import io.crmbridge.token.connection.AuthKind;
import io.crmbridge.token.connection.Connection;
import io.crmbridge.token.connection.ConnectionState;
import io.crmbridge.token.connection.Connections;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The connections page: every connection with its state, when its access token expires, its last error and the
 * button that (re)connects it. Plain HTML, no script.
 */
@RestController
class ConnectionsPage {

    private final Connections connections;
    private final Statuses statuses;
    private final Clock clock;

    ConnectionsPage(Connections connections, Statuses statuses, Clock clock) {
        this.connections = connections;
        this.statuses = statuses;
        this.clock = clock;
    }

    @GetMapping(path = "/connections", produces = MediaType.TEXT_HTML_VALUE)
    String page() {
        String rows = connections.all().stream().sorted(Comparator.comparing(c -> c.id().value()))
                .map(this::row).collect(Collectors.joining("\n"));
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>CRM Bridge connections</title>"
                + "</head><body><h1>Connections</h1><table id=\"connections\"><thead><tr><th>Connection</th>"
                + "<th>Auth</th><th>State</th><th>Access token expires</th><th>Last error</th><th></th></tr></thead>"
                + "<tbody>\n" + rows + "\n</tbody></table></body></html>";
    }

    private String row(Connection c) {
        Optional<ConnectionView.Status> status = Optional.ofNullable(statuses.of(c.id()));
        String state = status.map(ConnectionView.Status::state).orElse(c.enabled() ? "unknown yet" : "DISABLED");
        String owner = status.map(s -> s.ownedHere() ? "owned here" : "reported by " + s.reportedBy()).orElse("");
        String expiry = status.map(ConnectionView.Status::accessTokenExpiresAt).map(this::inTime).orElse("");
        String error = status.filter(s -> s.lastErrorCode() != null)
                .map(s -> s.lastErrorCode() + ": " + s.lastErrorMessage() + " (" + s.lastErrorAt() + ")").orElse("");
        return "<tr data-connection=\"" + escape(c.id().value()) + "\"><td>" + escape(c.displayName()) + "<br><small>"
                + escape(c.orgUrl().toString()) + "</small></td><td>" + c.authKind() + "</td><td class=\"state\">"
                + escape(state) + "<br><small>" + escape(owner) + "</small></td><td>" + escape(expiry)
                + "</td><td class=\"error\">" + escape(error) + "</td><td>"
                + action(c, status.map(s -> ConnectionState.valueOf(s.state())).orElse(null)) + "</td></tr>";
    }

    private String action(Connection c, ConnectionState state) {
        if (!c.enabled()) {
            return "";
        }
        String label = state == null || state == ConnectionState.PENDING_CONSENT ? "Connect" : "Reconnect";
        String id = escape(c.id().value());
        if (c.authKind() == AuthKind.AUTHORIZATION_CODE || c.authKind() == AuthKind.AUTHORIZATION_CODE_CONFIDENTIAL) {
            return "<a class=\"connect\" href=\"/connections/" + id + "/connect\">" + label + "</a>";
        }
        String target = c.authKind() == AuthKind.DEVICE_CODE ? "device-code" : "retry";
        return "<form method=\"post\" action=\"/connections/" + id + "/" + target + "\"><button type=\"submit\">"
                + (c.authKind() == AuthKind.CLIENT_CREDENTIALS ? "Retry now" : label) + "</button></form>";
    }

    private String inTime(Instant at) {
        Duration left = Duration.between(clock.instant(), at);
        return at + (left.isNegative() ? " (expired)" : " (in " + left.toMinutes() + " min)");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
