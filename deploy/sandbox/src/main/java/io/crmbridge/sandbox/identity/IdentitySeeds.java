package io.crmbridge.sandbox.identity;

import java.time.Instant;
import java.util.List;

/**
 * What every sandbox starts with; other modules' tests use these values. Passwords and secrets are published test
 * values. Authorities: Entra {@code {httpsBase}/{tenant}/} where tenant is {@link #TENANT_ID}, {@link #TENANT_DOMAIN},
 * {@code organizations} or {@code common}; AD FS {@code {httpsBase}/adfs/} (see {@link Identity#entraAuthority()}).
 *
 * <table>
 *   <caption>Seeded tenant, users and app registrations</caption>
 *   <tr><th>What</th><th>Id / username</th><th>Credential</th><th>Notes</th></tr>
 *   <tr><td>Tenant</td><td>{@value #TENANT_ID}</td><td></td><td>domain {@value #TENANT_DOMAIN}</td></tr>
 *   <tr><td>User</td><td>{@value #ALICE}</td><td>{@value #ALICE_PASSWORD}</td><td>oid {@value #ALICE_OBJECT_ID}</td></tr>
 *   <tr><td>User</td><td>{@value #BOB}</td><td>{@value #BOB_PASSWORD}</td><td>oid {@value #BOB_OBJECT_ID}</td></tr>
 *   <tr><td>Public "Native" client (Entra)</td><td>{@value #NATIVE_CLIENT_ID}</td><td>none</td>
 *       <td>Dataverse's sample id; redirects {@code http://localhost}, {@code http://localhost/oauth/callback}
 *       (any port), {@code https://login.microsoftonline.com/common/oauth2/nativeclient}</td></tr>
 *   <tr><td>Confidential client, secret (Entra)</td><td>{@value #SECRET_CLIENT_ID}</td>
 *       <td>{@value #SECRET_CLIENT_SECRET}</td><td>"sandbox-app"; secret expires {@link Lifetimes#clientSecret()}
 *       (180 days) after start; redirects {@code https://localhost/oauth/callback},
 *       {@code http://localhost/oauth/callback}</td></tr>
 *   <tr><td>Confidential client, certificate (Entra)</td><td>{@value #CERTIFICATE_CLIENT_ID}</td>
 *       <td>{@link TestClientCertificate}</td><td>"sandbox-cert-app"; same redirects</td></tr>
 *   <tr><td>Application users (app-only callers)</td><td>{@value #SECRET_CLIENT_APPLICATION_USER_ID},
 *       {@value #CERTIFICATE_CLIENT_APPLICATION_USER_ID}</td><td></td><td>service principals of the two
 *       confidential clients: the {@code oid} of their client-credentials tokens ({@code idtyp} app); the first is
 *       also the caller of {@code Sandbox.appAccessToken}</td></tr>
 *   <tr><td>Public client (AD FS)</td><td>{@value #ADFS_CLIENT_ID}</td><td>none</td>
 *       <td>redirects {@code http://localhost}, {@code http://localhost/oauth/callback}</td></tr>
 *   <tr><td>Server application (AD FS)</td><td>{@value #ADFS_SERVER_CLIENT_ID}</td>
 *       <td>{@value #ADFS_SERVER_CLIENT_SECRET}</td><td>same redirects, https too</td></tr>
 * </table>
 *
 * Resources (audiences) are the sandbox's Dataverse orgs, {@code https://host:port/org/{org}}; scopes
 * {@code {orgUrl}/.default} or {@code {orgUrl}/user_impersonation}. Tests add more with
 * {@link Identity#register(AppRegistration)}, {@link Identity#register(DirectoryUser)} and
 * {@link Identity#registerResource(String)}.
 */
public final class IdentitySeeds {

    public static final String TENANT_ID = "00000000-0000-4000-8000-0000000000c0";
    public static final String TENANT_DOMAIN = "contoso.example";
    public static final String TENANT_NAME = "Contoso (sandbox)";

    public static final String ALICE = "alice@contoso.example";
    public static final String ALICE_PASSWORD = "alice-password";
    public static final String ALICE_OBJECT_ID = "00000000-0000-4000-8000-00000000a11c";
    public static final String BOB = "bob@contoso.example";
    public static final String BOB_PASSWORD = "bob-password";
    public static final String BOB_OBJECT_ID = "00000000-0000-4000-8000-00000000b0b0";

    public static final String NATIVE_CLIENT_ID = "51f81489-12ee-4a9e-aaae-a2591f45987d";
    public static final String SECRET_CLIENT_ID = "5a1a0b8e-0000-4000-8000-00000000c1d0";
    public static final String SECRET_CLIENT_SECRET = "sandbox~web-app-secret-0001";
    public static final String SECRET_CLIENT_APPLICATION_USER_ID = "5a1a0b8e-0000-4000-8000-00000000a001";
    public static final String CERTIFICATE_CLIENT_ID = "5a1a0b8e-0000-4000-8000-00000000c1d1";
    public static final String CERTIFICATE_CLIENT_APPLICATION_USER_ID = "5a1a0b8e-0000-4000-8000-00000000a002";
    public static final String ADFS_CLIENT_ID = "adf5c11e-0000-4000-8000-000000000001";
    public static final String ADFS_SERVER_CLIENT_ID = "adf5c11e-0000-4000-8000-000000000002";
    public static final String ADFS_SERVER_CLIENT_SECRET = "sandbox~adfs-server-secret-0001";

    static final String LOOPBACK = "http://localhost";
    static final String LOOPBACK_CALLBACK = "http://localhost/oauth/callback";
    static final String HTTPS_CALLBACK = "https://localhost/oauth/callback";
    static final String NATIVE_CLIENT_PAGE = "https://login.microsoftonline.com/common/oauth2/nativeclient";

    private IdentitySeeds() {
    }

    static List<DirectoryUser> users() {
        return List.of(new DirectoryUser(ALICE, ALICE_PASSWORD, "Alice Example", ALICE_OBJECT_ID),
                new DirectoryUser(BOB, BOB_PASSWORD, "Bob Example", BOB_OBJECT_ID));
    }

    /** The seeded registrations; secrets expire {@code clientSecretLifetime} after {@code start}. */
    static List<AppRegistration> clients(Instant start, Lifetimes lifetimes) {
        Instant secretExpiry = start.plus(lifetimes.clientSecret());
        return List.of(
                AppRegistration.publicClient(NATIVE_CLIENT_ID, "Dataverse sample native client", LOOPBACK,
                        LOOPBACK_CALLBACK, NATIVE_CLIENT_PAGE),
                AppRegistration.withSecret(SECRET_CLIENT_ID, "sandbox-app", SECRET_CLIENT_SECRET, secretExpiry,
                        HTTPS_CALLBACK, LOOPBACK_CALLBACK).withServicePrincipalId(SECRET_CLIENT_APPLICATION_USER_ID),
                AppRegistration.withCertificate(CERTIFICATE_CLIENT_ID, "sandbox-cert-app",
                        TestClientCertificate.certificate(), HTTPS_CALLBACK, LOOPBACK_CALLBACK)
                        .withServicePrincipalId(CERTIFICATE_CLIENT_APPLICATION_USER_ID),
                AppRegistration.publicClient(ADFS_CLIENT_ID, "Dynamics on-premises native client", LOOPBACK,
                        LOOPBACK_CALLBACK).onAdfs(),
                AppRegistration.withSecret(ADFS_SERVER_CLIENT_ID, "Dynamics on-premises server app",
                        ADFS_SERVER_CLIENT_SECRET, secretExpiry, HTTPS_CALLBACK, LOOPBACK_CALLBACK).onAdfs());
    }
}
