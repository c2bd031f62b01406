package io.crmbridge.token.refresh;

import java.time.Instant;
import java.util.Optional;

import io.crmbridge.token.connection.Connection;
import io.crmbridge.token.vault.TokenCacheSlot;

/** Gets access tokens from the identity provider (port; MSAL4J in the service). */
public interface TokenIssuer {

    /**
     * An access token for {@code connection}, with the refresh token or client credential, reading and updating
     * {@code cache}.
     *
     * @param force ask the provider even if the cache holds a usable access token
     * @throws Exception whatever the provider or the network answered; {@link RefreshFailure#of} classifies it
     */
    IssuedToken acquire(Connection connection, TokenCacheSlot cache, boolean force) throws Exception;

    /** When the connection's secret or certificate expires, if it has one and that is known. */
    Optional<CredentialExpiry> credentialExpiry(Connection connection);

    /** The expiry of a client credential, e.g. {@code ("client secret", 2027-01-31T00:00Z)}. */
    record CredentialExpiry(String what, Instant at) {
    }

    /** The secret or certificate a reference points at cannot be read: a configuration problem. */
    final class CredentialUnavailable extends RuntimeException {
        public CredentialUnavailable(String message) {
            super(message);
        }
    }
}
