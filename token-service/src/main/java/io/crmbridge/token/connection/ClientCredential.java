package io.crmbridge.token.connection;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** How a confidential client proves who it is: a secret or a certificate, both held by reference. */
public sealed interface ClientCredential permits ClientCredential.Secret, ClientCredential.Certificate {

    /**
     * A client secret.
     *
     * @param secret    where the secret value is
     * @param expiresAt when the secret expires in the identity provider (from configuration: Entra does not tell
     *                  the client), for the CREDENTIAL_EXPIRING warning
     */
    record Secret(CredentialReference secret, Optional<Instant> expiresAt) implements ClientCredential {
        public Secret {
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * A certificate with its private key, in a PKCS12 file; its expiry is the certificate's notAfter.
     *
     * @param pkcs12   where the PKCS12 file is ({@code file:/...}, or {@code env:} holding it base64-encoded)
     * @param password where the PKCS12 password is; empty for a file without one
     */
    record Certificate(CredentialReference pkcs12, Optional<CredentialReference> password) implements ClientCredential {
        public Certificate {
            Objects.requireNonNull(pkcs12, "pkcs12");
            Objects.requireNonNull(password, "password");
        }
    }
}
