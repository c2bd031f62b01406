package io.crmbridge.token;

import java.util.List;

import io.crmbridge.token.connection.ConnectionDraft;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crmbridge.token.connections[...]}: connections defined in configuration. Validated as a whole at start-up
 * by the same rules as the admin API (ConnectionValidation); a broken definition stops the service with the list
 * of problems.
 */
@ConfigurationProperties("crmbridge.token")
record ConnectionsProperties(@DefaultValue List<Definition> connections) {

    /** One definition; credential fields hold references ({@code env:NAME}, {@code file:/path}), never secrets. */
    record Definition(String id, String displayName, String orgUrl, String authority, String authorityType,
                      String authKind, String clientId, List<String> scopes, String clientSecret,
                      String clientSecretExpiresAt, String certificate, String certificatePassword, Boolean enabled) {

        ConnectionDraft draft() {
            return new ConnectionDraft(id, displayName, orgUrl, authority, authorityType, authKind, clientId, scopes,
                    clientSecret, clientSecretExpiresAt, certificate, certificatePassword, enabled);
        }
    }
}
