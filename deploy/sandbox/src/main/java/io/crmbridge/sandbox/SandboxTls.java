package io.crmbridge.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The sandbox's HTTPS test certificate (CN=localhost, SAN localhost and 127.0.0.1) and the trust store that
 * accepts exactly that certificate. TEST ONLY: the private key ships in this jar. Clients of the sandbox trust it
 * through {@link #sslContext()} or {@link #trustStoreFile()}; nothing here trusts everything.
 */
public final class SandboxTls {

    /** Password of both PKCS12 files; a published test value, not a secret. */
    public static final String STORE_PASSWORD = "changeit";
    private static final String KEY_STORE = "/tls/sandbox-tls.p12";
    private static final String TRUST_STORE = "/tls/sandbox-truststore.p12";

    private SandboxTls() {
    }

    /** Key managers for the sandbox's HTTPS server. */
    public static KeyManagerFactory keyManagers() {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(load(KEY_STORE), STORE_PASSWORD.toCharArray());
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the sandbox TLS key", e);
        }
    }

    /** Trust managers that accept the sandbox certificate and nothing else. */
    public static TrustManagerFactory trustManagers() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore());
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the sandbox trust store", e);
        }
    }

    /** A trust store holding only the sandbox certificate. */
    public static KeyStore trustStore() {
        return load(TRUST_STORE);
    }

    /** An SSL context for clients of the sandbox (JDK HttpClient, MSAL4J through {@link #socketFactory()}). */
    public static SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers().getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the sandbox SSL context", e);
        }
    }

    public static SSLSocketFactory socketFactory() {
        return sslContext().getSocketFactory();
    }

    /**
     * Writes the trust store to a file, for clients configured by path (Spring's {@code ssl.bundle},
     * {@code javax.net.ssl.trustStore}, the token-service's trust-store setting).
     */
    public static Path trustStoreFile() {
        try (InputStream in = SandboxTls.class.getResourceAsStream(TRUST_STORE)) {
            Path file = Files.createTempFile("sandbox-truststore", ".p12");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox trust store", e);
        }
    }

    private static KeyStore load(String resource) {
        try (InputStream in = SandboxTls.class.getResourceAsStream(resource)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, STORE_PASSWORD.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load " + resource, e);
        }
    }
}
