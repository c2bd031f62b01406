package io.crmbridge.sandbox.identity;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An app registration (Entra ID) or a client (AD FS): who may ask for tokens, with which credentials and to which
 * redirect URIs. A public ("Native") client has no credentials; a confidential one has secrets and/or certificates.
 *
 * @param clientId           the application (client) id
 * @param displayName        the app's name; app-only tokens carry it as the caller's name
 * @param realm              Entra ID or AD FS
 * @param confidential       whether the client must authenticate at the token endpoint
 * @param redirectUris       registered redirect URIs (https, or http on localhost / 127.0.0.1 whose port is ignored)
 * @param secrets            client secrets with their expiry
 * @param certificates       certificates whose keys may sign client assertions
 * @param servicePrincipalId object id of the app in the tenant; the {@code oid} of its app-only tokens (the id the
 *                           Dataverse application user is linked to)
 */
public record AppRegistration(String clientId, String displayName, Realm realm, boolean confidential,
                              List<String> redirectUris, List<Secret> secrets, List<X509Certificate> certificates,
                              String servicePrincipalId) {

    public AppRegistration {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(realm, "realm");
        redirectUris = List.copyOf(redirectUris);
        secrets = List.copyOf(secrets);
        certificates = List.copyOf(certificates);
        Objects.requireNonNull(servicePrincipalId, "servicePrincipalId");
        redirectUris.forEach(RedirectUris::requireRegistrable);
        if (!confidential && (!secrets.isEmpty() || !certificates.isEmpty())) {
            throw new IllegalArgumentException("a public client has no secrets or certificates");
        }
    }

    /** A public ("Native") Entra client, e.g. Dataverse's sample client with {@code http://localhost}. */
    public static AppRegistration publicClient(String clientId, String displayName, String... redirectUris) {
        return new AppRegistration(clientId, displayName, Realm.ENTRA, false, List.of(redirectUris), List.of(),
                List.of(), derivedServicePrincipalId(clientId));
    }

    /** A confidential ("Web app/API") Entra client holding one secret. */
    public static AppRegistration withSecret(String clientId, String displayName, String secret, Instant expiresAt,
                                             String... redirectUris) {
        return new AppRegistration(clientId, displayName, Realm.ENTRA, true, List.of(redirectUris),
                List.of(new Secret(secret, expiresAt)), List.of(), derivedServicePrincipalId(clientId));
    }

    /** A confidential Entra client that authenticates with assertions signed by {@code certificate}'s key. */
    public static AppRegistration withCertificate(String clientId, String displayName, X509Certificate certificate,
                                                  String... redirectUris) {
        return new AppRegistration(clientId, displayName, Realm.ENTRA, true, List.of(redirectUris), List.of(),
                List.of(certificate), derivedServicePrincipalId(clientId));
    }

    /** The same client registered in AD FS instead of Entra ID. */
    public AppRegistration onAdfs() {
        return new AppRegistration(clientId, displayName, Realm.ADFS, confidential, redirectUris, secrets,
                certificates, servicePrincipalId);
    }

    /** The same client with {@code id} as its service principal's object id. */
    public AppRegistration withServicePrincipalId(String id) {
        return new AppRegistration(clientId, displayName, realm, confidential, redirectUris, secrets, certificates, id);
    }

    /** The same client with every secret expiring at {@code instant}. */
    AppRegistration withSecretsExpiringAt(Instant instant) {
        List<Secret> expired = secrets.stream().map(secret -> new Secret(secret.value(), instant)).toList();
        return new AppRegistration(clientId, displayName, realm, confidential, redirectUris, expired, certificates,
                servicePrincipalId);
    }

    private static String derivedServicePrincipalId(String clientId) {
        return UUID.nameUUIDFromBytes(("sp:" + clientId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A client secret; {@code value} is what the client sends as {@code client_secret}. */
    public record Secret(String value, Instant expiresAt) {
        public Secret {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "Secret[expiresAt=" + expiresAt + "]";
        }
    }
}
