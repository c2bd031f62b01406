package io.crmbridge.token.events;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.crmbridge.events.ConnectionDefinition;
import io.crmbridge.token.connection.AuthKind;
import io.crmbridge.token.connection.AuthorityType;
import io.crmbridge.token.connection.Connection;
import io.crmbridge.crm.connection.ConnectionId;

/** Definitions as the public {@code ConnectionDefinition} contract: everything but the credential reference. */
final class ConnectionDefinitions {

    private ConnectionDefinitions() {
    }

    static ConnectionDefinition toAvro(Connection c) {
        return ConnectionDefinition.newBuilder()
                .setConnectionId(c.id().value())
                .setDisplayName(c.displayName())
                .setOrgUrl(c.orgUrl().toString())
                .setAuthority(c.authority().toString())
                .setAuthorityType(io.crmbridge.events.AuthorityType.valueOf(c.authorityType().name()))
                .setAuthKind(io.crmbridge.events.AuthKind.valueOf(c.authKind().name()))
                .setClientId(c.clientId())
                .setScopes(List.copyOf(c.scopes()))
                .setEnabled(c.enabled())
                .setUpdatedAt(c.updatedAt())
                .build();
    }

    /** The definition without its credential; empty when written by a newer service with an unknown auth kind. */
    static Optional<Connection> fromAvro(ConnectionDefinition d) {
        if (d.getAuthKind() == io.crmbridge.events.AuthKind.UNKNOWN) {
            return Optional.empty();
        }
        URI authority = URI.create(d.getAuthority());
        return Optional.of(new Connection(ConnectionId.defined(d.getConnectionId()), d.getDisplayName(),
                URI.create(d.getOrgUrl()), authority, AuthorityType.of(authority), d.getClientId(),
                AuthKind.valueOf(d.getAuthKind().name()), d.getScopes(), Optional.empty(), d.getEnabled(),
                d.getUpdatedAt()));
    }
}
