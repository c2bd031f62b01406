package io.crmbridge.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxTls;
import io.crmbridge.sandbox.dataverse.Dataverse;
import io.crmbridge.sandbox.identity.IdentitySeeds;

/**
 * The demo configuration of the local stack: one client-credentials connection that works at once, and one
 * delegated connection a person connects through the token-service page (as alice@contoso.example).
 */
final class DemoConfiguration {

    static final String APP_CONNECTION = "contoso-app";
    static final String DELEGATED_CONNECTION = "contoso-alice";
    static final String TOPIC_PREFIX = "crm";
    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "local-admin";

    private final Sandbox sandbox;
    private final String kafka;
    private final LocalStackSettings settings;
    // One key for the run: the token-service seals grants with it, the poller and action service open them.
    private final String tokenKey = randomKey();
    private final Path secretFile;

    DemoConfiguration(Sandbox sandbox, String kafka, LocalStackSettings settings) {
        this.sandbox = sandbox;
        this.kafka = kafka;
        this.settings = settings;
        this.secretFile = writeSecret(IdentitySeeds.SECRET_CLIENT_SECRET);
    }

    private String orgUrl(String org) {
        return sandbox.dataverse().org(org).url();
    }

    Map<String, Object> common(int port) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("server.port", port);
        p.put("spring.main.banner-mode", "off");
        // The stack closes the services itself, in order, before the sandbox and the broker: a hook of their own
        // would close them at the same time as the broker, leaving transactions hanging.
        p.put("spring.main.register-shutdown-hook", false);
        p.put("spring.kafka.bootstrap-servers", kafka);
        p.put("spring.kafka.properties.schema.registry.url", sandbox.registryUrl().toString());
        p.put("crmbridge.topics.partitions", 3);
        p.put("crmbridge.topics.replication-factor", 1);
        p.put("crmbridge.token-encryption.active-key-id", "k1");
        p.put("crmbridge.token-encryption.keys.k1", tokenKey);
        return p;
    }

    Map<String, Object> tokenService(int port) {
        Map<String, Object> p = common(port);
        p.put("crmbridge.token.oauth.public-url", "http://localhost:" + port);
        p.put("crmbridge.token.oauth.instance-discovery", false);
        p.put("crmbridge.token.oauth.trust-store", SandboxTls.trustStoreFile().toString());
        p.put("crmbridge.token.oauth.trust-store-password", SandboxTls.STORE_PASSWORD);
        p.put("crmbridge.token.admin.username", ADMIN_USER);
        p.put("crmbridge.token.admin.password", ADMIN_PASSWORD);
        // Refresh halfway through the sandbox's short token lifetime, so an expired refresh token shows soon.
        Duration lifetime = settings.accessTokenLifetime();
        p.put("crmbridge.token.refresh.margin", lifetime.dividedBy(2).toMillis() + "ms");
        p.put("crmbridge.token.refresh.jitter", lifetime.dividedBy(10).toMillis() + "ms");
        connection(p, 0, APP_CONNECTION, "Contoso (app-only)", "CLIENT_CREDENTIALS", IdentitySeeds.SECRET_CLIENT_ID,
                Dataverse.SEEDED_ORG);
        p.put("crmbridge.token.connections[0].client-secret", "file:" + secretFile);
        connection(p, 1, DELEGATED_CONNECTION, "Contoso (alice, delegated)", "AUTHORIZATION_CODE",
                IdentitySeeds.NATIVE_CLIENT_ID, settings.delegatedOrg());
        return p;
    }

    Map<String, Object> poller(int port) {
        Map<String, Object> p = common(port);
        p.put("crmbridge.poller.dataverse.ssl-bundle", "sandbox");
        p.put("crmbridge.poller.admin.username", ADMIN_USER);
        p.put("crmbridge.poller.admin.password", ADMIN_PASSWORD);
        trustSandbox(p);
        for (String connection : new String[] {APP_CONNECTION, DELEGATED_CONNECTION}) {
            String tables = "crmbridge.poller.connections." + connection + ".tables.";
            p.put(tables + "account.select", "name,accountnumber,revenue,industrycode,primarycontactid");
            p.put(tables + "contact.select", "firstname,lastname,emailaddress1,parentcustomerid");
        }
        return p;
    }

    Map<String, Object> action(int port) {
        Map<String, Object> p = common(port);
        p.put("crmbridge.dataverse.trust-store", SandboxTls.trustStoreFile().toString());
        p.put("crmbridge.dataverse.trust-store-password", SandboxTls.STORE_PASSWORD);
        return p;
    }

    // Spring's SSL bundle "sandbox": trusts the sandbox's test certificate and nothing else.
    private static void trustSandbox(Map<String, Object> p) {
        p.put("spring.ssl.bundle.jks.sandbox.truststore.location", "file:" + SandboxTls.trustStoreFile());
        p.put("spring.ssl.bundle.jks.sandbox.truststore.password", SandboxTls.STORE_PASSWORD);
        p.put("spring.ssl.bundle.jks.sandbox.truststore.type", "PKCS12");
    }

    private void connection(Map<String, Object> p, int i, String id, String name, String kind, String clientId,
                            String org) {
        String prefix = "crmbridge.token.connections[" + i + "].";
        p.put(prefix + "id", id);
        p.put(prefix + "display-name", name);
        p.put(prefix + "org-url", orgUrl(org));
        p.put(prefix + "authority", sandbox.identity().entraAuthority());
        p.put(prefix + "authority-type", "ENTRA_ID");
        p.put(prefix + "auth-kind", kind);
        p.put(prefix + "client-id", clientId);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static Path writeSecret(String secret) {
        try {
            Path file = Files.createTempFile("crm-bridge-local-secret", ".txt");
            file.toFile().deleteOnExit();
            return Files.writeString(file, secret);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo client secret file", e);
        }
    }
}
