package io.crmbridge.token.events;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.events.ConnectionDefinition;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.token.connection.AuthKind;
import io.crmbridge.token.connection.AuthorityType;
import io.crmbridge.token.connection.Connection;
import io.crmbridge.token.vault.ConnectionRecords;

/** Definitions as the public {@code ConnectionDefinition} contract: everything but the credential reference. */
final class ConnectionDefinitions implements ConnectionRecords {

    private final AvroDeserializer<ConnectionDefinition> reader;

    ConnectionDefinitions(AvroDeserializer<ConnectionDefinition> reader) {
        this.reader = reader;
    }

    @Override
    public ConnectionDefinition toRecord(Connection c) {
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
    @Override
    public Optional<Connection> connection(String topic, byte[] value) {
        ConnectionDefinition d = reader.deserialize(topic, value);
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
