package io.crmbridge.token.oauth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;
import io.crmbridge.token.connection.ClientCredential;
import io.crmbridge.token.connection.CredentialReference;
import io.crmbridge.token.refresh.TokenIssuer.CredentialExpiry;
import io.crmbridge.token.refresh.TokenIssuer.CredentialUnavailable;

/**
 * Turns a credential reference into what MSAL needs, reading the secret or certificate at the moment it is used, so
 * a rotated secret file or environment is picked up without a restart. Error messages name the reference, never the
 * value.
 */
final class MsalCredentials {

    private final UnaryOperator<String> environment;

    /** @param environment looks up environment variables ({@code System::getenv} in the service) */
    MsalCredentials(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    IClientCredential of(ClientCredential credential) {
        if (credential instanceof ClientCredential.Secret secret) {
            return ClientCredentialFactory.createFromSecret(text(secret.secret()));
        }
        Certificate certificate = certificate((ClientCredential.Certificate) credential);
        return ClientCredentialFactory.createFromCertificate(certificate.key(), certificate.chain());
    }

    Optional<CredentialExpiry> expiry(ClientCredential credential) {
        if (credential instanceof ClientCredential.Secret secret) {
            return secret.expiresAt().map(at -> new CredentialExpiry("client secret", at));
        }
        X509Certificate x509 = certificate((ClientCredential.Certificate) credential).chain();
        return Optional.of(new CredentialExpiry("certificate", x509.getNotAfter().toInstant()));
    }

    private Certificate certificate(ClientCredential.Certificate reference) {
        char[] password = reference.password().map(p -> text(p).toCharArray()).orElse(new char[0]);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes(reference.pkcs12())), password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return new Certificate((PrivateKey) store.getKey(alias, password),
                            (X509Certificate) store.getCertificate(alias));
                }
            }
            throw new CredentialUnavailable(reference.pkcs12() + " holds no private key");
        } catch (IOException | GeneralSecurityException e) {
            throw new CredentialUnavailable("cannot open the PKCS12 certificate " + reference.pkcs12() + " ("
                    + e.getClass().getSimpleName() + "; check the file and its password reference)");
        }
    }

    private String text(CredentialReference reference) {
        return new String(raw(reference), StandardCharsets.UTF_8).strip();
    }

    // A certificate in an environment variable travels base64-encoded.
    private byte[] bytes(CredentialReference reference) {
        byte[] raw = raw(reference);
        if (reference.source() == CredentialReference.Source.ENV) {
            try {
                return Base64.getMimeDecoder().decode(raw);
            } catch (IllegalArgumentException e) {
                throw new CredentialUnavailable(reference + " is not base64");
            }
        }
        return raw;
    }

    private byte[] raw(CredentialReference reference) {
        if (reference.source() == CredentialReference.Source.ENV) {
            String value = environment.apply(reference.location());
            if (value == null || value.isBlank()) {
                throw new CredentialUnavailable("environment variable " + reference.location() + " is not set");
            }
            return value.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Files.readAllBytes(Path.of(reference.location()));
        } catch (IOException | RuntimeException e) {
            throw new CredentialUnavailable("cannot read " + reference + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private record Certificate(PrivateKey key, X509Certificate chain) {
    }
}
