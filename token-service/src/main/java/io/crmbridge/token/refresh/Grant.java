package io.crmbridge.token.refresh;

import java.net.URI;
import java.time.Instant;

import io.crmbridge.crm.connection.ConnectionId;

/** A new access token for the other services, numbered: consumers keep the highest generation. */
public record Grant(ConnectionId connectionId, URI orgUrl, long generation, IssuedToken token, Instant issuedAt) {
}
