package io.crmbridge.token.connection;

import io.crmbridge.crm.connection.ConnectionId;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection's definition: one Dataverse environment and how to authenticate to it. Everything but
 * {@code credential} is public and travels on the connections topic; the credential is a reference that stays
 * inside the token-service.
 *
 * @param orgUrl     the Dataverse environment, also the audience of its tokens
 * @param authority  the identity provider, e.g. {@code https://login.microsoftonline.com/<tenant>/} or
 *                   {@code https://fs.contoso.com/adfs/}
 * @param scopes     what is asked for, e.g. {@code <orgUrl>/user_impersonation} or {@code <orgUrl>/.default}
 * @param credential the secret or certificate of a confidential client; empty for public clients, and for a
 *                   confidential one whose credential this instance has not learnt yet
 */
public record Connection(ConnectionId id, String displayName, URI orgUrl, URI authority, AuthorityType authorityType,
                         String clientId, AuthKind authKind, List<String> scopes,
                         Optional<ClientCredential> credential, boolean enabled, Instant updatedAt) {

    public Connection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(orgUrl, "orgUrl");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(authorityType, "authorityType");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(authKind, "authKind");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public Connection withEnabled(boolean value, Instant at) {
        return new Connection(id, displayName, orgUrl, authority, authorityType, clientId, authKind, scopes,
                credential, value, at);
    }

    public Connection withCredential(Optional<ClientCredential> value) {
        return new Connection(id, displayName, orgUrl, authority, authorityType, clientId, authKind, scopes, value,
                enabled, updatedAt);
    }

    /** Whether tokens can be requested: a confidential client needs its credential first. */
    public boolean complete() {
        return !authKind.confidential() || credential.isPresent();
    }

    /** Same definition apart from {@code updatedAt}: re-publishing it would change nothing. */
    public boolean sameAs(Connection other) {
        return other != null && withUpdatedAt(other.updatedAt).equals(other);
    }

    private Connection withUpdatedAt(Instant at) {
        return new Connection(id, displayName, orgUrl, authority, authorityType, clientId, authKind, scopes,
                credential, enabled, at);
    }
}
