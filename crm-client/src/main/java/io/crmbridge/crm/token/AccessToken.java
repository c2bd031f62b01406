package io.crmbridge.crm.token;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.crmbridge.crm.connection.ConnectionId;

/**
 * A decrypted access token of one connection: what the Web API client puts in {@code Authorization: Bearer}.
 * {@link #toString()} never shows the token itself, so an {@code AccessToken} may be logged.
 *
 * @param connection the connection the token belongs to
 * @param orgUrl     the Dataverse environment the token is valid for (its audience)
 * @param generation increases with every new token of the connection; a 401 report names the generation it saw
 * @param expiresAt  when the token stops working
 * @param value      the bearer token; secret
 */
public record AccessToken(ConnectionId connection, URI orgUrl, long generation, Instant expiresAt, String value) {

    public AccessToken {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(orgUrl, "orgUrl");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(value, "value");
    }

    /** Whether the token has expired at {@code now}, or will within {@code margin}. */
    public boolean expiresWithin(Duration margin, Instant now) {
        return !now.plus(margin).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        // The token is a credential: it must never reach a log line through string concatenation.
        return "AccessToken[connection=" + connection + ", orgUrl=" + orgUrl + ", generation=" + generation
                + ", expiresAt=" + expiresAt + ", value=(redacted)]";
    }
}
