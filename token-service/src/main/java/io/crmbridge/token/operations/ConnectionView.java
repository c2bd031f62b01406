package io.crmbridge.token.operations;

import java.time.Instant;
import java.util.List;

import io.crmbridge.token.connection.ClientCredential;
import io.crmbridge.token.connection.Connection;
import io.crmbridge.token.refresh.ConnectionStatus;
import io.crmbridge.token.refresh.LastKnownStatuses;
import io.crmbridge.token.vault.VaultState;

/**
 * A connection as the admin API shows it: its definition (the credential as a reference, never a value) and, when
 * this instance owns it, how it stands.
 */
record ConnectionView(String id, String displayName, String orgUrl, String authority, String authorityType,
                      String authKind, String clientId, List<String> scopes, String credential, boolean enabled,
                      Instant updatedAt, boolean configured, Status status) {

    static ConnectionView of(Connection c, boolean configured, Status status) {
        return new ConnectionView(c.id().value(), c.displayName(), c.orgUrl().toString(), c.authority().toString(),
                c.authorityType().name(), c.authKind().name(), c.clientId(), c.scopes(),
                c.credential().map(ConnectionView::describe).orElse(null), c.enabled(), c.updatedAt(), configured,
                status);
    }

    private static String describe(ClientCredential credential) {
        if (credential instanceof ClientCredential.Secret secret) {
            return "secret " + secret.secret();
        }
        return "certificate " + ((ClientCredential.Certificate) credential).pkcs12();
    }

    /**
     * How the connection stands: from this instance when it owns the connection, else from the owner's last event
     * (then without generation).
     *
     * @param ownedHere  whether this instance owns the connection
     * @param reportedBy the instance that published the last event of a connection owned elsewhere (its owner then,
     *                   unless ownership moved since); null when owned here
     */
    record Status(String state, Long generation, Instant accessTokenExpiresAt, String lastErrorCode,
                  String lastErrorMessage, Instant lastErrorAt, boolean ownedHere, String reportedBy) {

        static Status owned(ConnectionStatus s) {
            return new Status(s.state().name(), s.generation(), s.accessTokenExpiresAt().orElse(null),
                    s.lastError().map(VaultState.LastError::reasonCode).orElse(null),
                    s.lastError().map(VaultState.LastError::message).orElse(null),
                    s.lastError().map(VaultState.LastError::at).orElse(null), true, null);
        }

        static Status reported(LastKnownStatuses.Reported r) {
            return new Status(r.state().name(), null, r.accessTokenExpiresAt().orElse(null),
                    r.reasonCode().orElse(null), r.message().orElse(null),
                    r.reasonCode().isPresent() ? r.at() : null, false, r.reportedBy());
        }
    }
}
