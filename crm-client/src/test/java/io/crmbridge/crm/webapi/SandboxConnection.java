package io.crmbridge.crm.webapi;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.failure.RetrySettings;
import io.crmbridge.crm.token.AccessTokens;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.SandboxTls;
import io.crmbridge.sandbox.dataverse.Org;

/**
 * A {@link DataverseConnection} over HTTPS to an org of its own in the sandbox, with tokens issued by the sandbox
 * (counted, so tests can see renewals) and quick retries (tests must not wait 2^n seconds). One sandbox serves
 * every integration test of the module: it starts in seconds, and orgs keep the tests apart (rows, limits,
 * request counts, faults by path prefix).
 */
final class SandboxConnection {

    private static Sandbox shared;

    final Sandbox sandbox;
    final Org org;
    final URI orgUrl;
    final ConnectionId id;
    final AtomicInteger tokensIssued = new AtomicInteger();
    final DataverseConnection connection;

    SandboxConnection(String orgName) {
        this(orgName, quick());
    }

    SandboxConnection(String orgName, WebApiSettings settings) {
        this.sandbox = sandbox();
        this.org = sandbox.dataverse().createOrg(orgName);
        this.orgUrl = URI.create(org.url());
        this.id = ConnectionId.of(orgName);
        this.connection = api(settings, id -> new AccessTokens.IssuedToken(sandbox.appAccessToken(org.url()),
                sandbox.clock().instant().plus(Duration.ofHours(1)))).connection(id, orgUrl);
    }

    static synchronized Sandbox sandbox() {
        if (shared == null) {
            shared = Sandbox.start(SandboxSettings.defaults());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** Another client of the same org, with its own token source (and so its own connection and governor). */
    DataverseWebApi api(WebApiSettings settings, Function<ConnectionId, AccessTokens.IssuedToken> issue) {
        AccessTokens tokens = AccessTokens.supplied(orgUrl, id -> {
            tokensIssued.incrementAndGet();
            return issue.apply(id);
        });
        return new DataverseWebApi(settings, tokens, DataverseWebApi.httpClient(SandboxTls.trustManagers()),
                Clock.systemUTC());
    }

    /** The path prefix of this org's Web API, for fault rules. */
    String pathPrefix() {
        return orgUrl.getPath() + "/";
    }

    static WebApiSettings quick() {
        return WebApiSettings.defaults()
                .withRetry(RetrySettings.defaults().withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)))
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(5));
    }
}
