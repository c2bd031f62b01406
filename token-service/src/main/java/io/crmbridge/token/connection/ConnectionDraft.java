package io.crmbridge.token.connection;

import java.util.List;

/**
 * A connection definition as a person writes it (YAML or the admin API), every field as text and any of them
 * possibly missing or wrong; {@link ConnectionValidation} turns it into a {@link Connection} or a list of problems.
 *
 * @param authorityType         optional: inferred from the authority URL
 * @param scopes                optional: {@code <orgUrl>/.default} for confidential clients,
 *                              {@code <orgUrl>/user_impersonation} for public ones (identity.md §1.5)
 * @param clientSecret          reference to the secret ({@code env:NAME} or {@code file:/path})
 * @param clientSecretExpiresAt when the secret expires (ISO date or instant), for the expiry warning
 * @param certificate           reference to a PKCS12 file with the certificate and its key
 * @param certificatePassword   reference to the PKCS12 password
 * @param enabled               optional, default true
 */
public record ConnectionDraft(String id, String displayName, String orgUrl, String authority, String authorityType,
                              String authKind, String clientId, List<String> scopes, String clientSecret,
                              String clientSecretExpiresAt, String certificate, String certificatePassword,
                              Boolean enabled) {
}
