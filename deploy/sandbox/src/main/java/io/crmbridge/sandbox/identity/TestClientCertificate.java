package io.crmbridge.sandbox.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * The TEST-ONLY client certificate and private key registered on the seeded certificate client
 * ({@link IdentitySeeds#CERTIFICATE_CLIENT_ID}). The key ships in this jar on purpose: it proves nothing outside the
 * sandbox. Other modules' tests hand it to MSAL4J, e.g.
 * {@code ClientCredentialFactory.createFromCertificate(TestClientCertificate.pkcs12(), TestClientCertificate.PASSWORD)}
 * or {@code createFromCertificate(TestClientCertificate.privateKey(), TestClientCertificate.certificate())}.
 */
public final class TestClientCertificate {

    /** Password of the PKCS12 file and its key; a published test value, not a secret. */
    public static final String PASSWORD = "changeit";
    /** Class-path location of the PKCS12 file (one private-key entry, RSA 2048, self-signed, valid to 2124). */
    public static final String PKCS12_RESOURCE = "/identity/test-client.p12";
    /** Class-path location of the certificate alone, PEM encoded. */
    public static final String CERTIFICATE_PEM_RESOURCE = "/identity/test-client-cert.pem";
    private static final String ALIAS = "sandbox-test-client";

    private TestClientCertificate() {
    }

    /** A fresh stream over the PKCS12 file; the caller closes it. */
    public static InputStream pkcs12() {
        InputStream in = TestClientCertificate.class.getResourceAsStream(PKCS12_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("missing " + PKCS12_RESOURCE);
        }
        return in;
    }

    public static X509Certificate certificate() {
        try {
            return (X509Certificate) keyStore().getCertificate(ALIAS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test client certificate", e);
        }
    }

    public static PrivateKey privateKey() {
        try {
            return (PrivateKey) keyStore().getKey(ALIAS, PASSWORD.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test client key", e);
        }
    }

    private static KeyStore keyStore() {
        try (InputStream in = pkcs12()) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PKCS12_RESOURCE, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load " + PKCS12_RESOURCE, e);
        }
    }
}
