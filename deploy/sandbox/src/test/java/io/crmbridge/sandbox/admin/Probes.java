package io.crmbridge.sandbox.admin;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.dataverse.Dataverse;
import io.crmbridge.sandbox.identity.IdentitySeeds;

/** Requests to routes the Dataverse and identity emulators serve, to see what faults do to them. */
final class Probes {

    static final String ORG = Dataverse.SEEDED_ORG;

    private Probes() {
    }

    static String orgUrl(Sandbox sandbox) {
        return sandbox.dataverse().org(ORG).url();
    }

    /** An authorized Dataverse read. */
    static HttpResponse<String> dataverse(SandboxClient client, Sandbox sandbox) throws IOException {
        return client.get(client.https("/org/" + ORG + "/api/data/v9.2/accounts?$select=name&$top=1"),
                "Authorization", "Bearer " + sandbox.appAccessToken(orgUrl(sandbox)), "Accept", "application/json");
    }

    /** A client-credentials token request to Entra ID, naming the tenant by {@code tenant} (domain or id). */
    static HttpResponse<String> entra(SandboxClient client, Sandbox sandbox, String tenant) throws IOException {
        return client.postForm(client.https("/" + tenant + "/oauth2/v2.0/token"),
                "grant_type=client_credentials&client_id=" + IdentitySeeds.SECRET_CLIENT_ID
                        + "&client_secret=" + IdentitySeeds.SECRET_CLIENT_SECRET
                        + "&scope=" + URLEncoder.encode(orgUrl(sandbox) + "/.default", StandardCharsets.UTF_8));
    }

    /** An AD FS token request (from an unknown client, so it fails; faults are seen before that). */
    static HttpResponse<String> adfs(SandboxClient client) throws IOException {
        return client.postForm(client.https("/adfs/oauth2/token"), "grant_type=client_credentials&client_id=nobody");
    }
}
