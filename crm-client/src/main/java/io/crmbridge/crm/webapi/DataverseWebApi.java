package io.crmbridge.crm.webapi;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.governor.Governor;
import io.crmbridge.crm.token.AccessTokens;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The Dataverse Web API client: hands out one {@link DataverseConnection} per connection id, each with its org
 * URL, its own {@link Governor}, and bearer tokens from the shared {@link AccessTokens} (in the services,
 * {@link io.crmbridge.crm.token.AccessTokenGrants}). One instance per service; thread-safe.
 *
 * <pre>{@code
 * DataverseWebApi api = new DataverseWebApi(WebApiSettings.defaults(), grants);
 * DataverseConnection contoso = api.connection(ConnectionId.of("contoso"), URI.create("https://contoso.crm4.dynamics.com"));
 * }</pre>
 */
public final class DataverseWebApi {

    private final WebApiSettings settings;
    private final AccessTokens tokens;
    private final Transport transport;
    private final Clock clock;
    private final Map<ConnectionId, DataverseConnection> connections = new ConcurrentHashMap<>();

    /** With the JDK's default trust store. */
    public DataverseWebApi(WebApiSettings settings, AccessTokens tokens) {
        this(settings, tokens, httpClient(null), Clock.systemUTC());
    }

    /**
     * @param http  the HTTP client (see {@link #httpClient(TrustManagerFactory)}); shared by every connection
     * @param clock for {@code Retry-After} dates, {@code TokenRequest} times and the age of kept metadata
     */
    public DataverseWebApi(WebApiSettings settings, AccessTokens tokens, HttpClient http, Clock clock) {
        this.settings = settings;
        this.tokens = tokens;
        this.transport = new Transport(http);
        this.clock = clock;
    }

    /**
     * An HTTP client for the Web API: pooled keep-alive connections, gzip (pages compress about tenfold), and TLS
     * trusting {@code trust} (null: the JDK's default trust store).
     */
    public static HttpClient httpClient(TrustManagerFactory trust) {
        HttpClient client = HttpClient.create(ConnectionProvider.builder("dataverse").maxConnections(256).build())
                .compress(true)
                .keepAlive(true);
        if (trust == null) {
            return client.secure();
        }
        try {
            SslContext ssl = SslContextBuilder.forClient().trustManager(trust).build();
            return client.secure(spec -> spec.sslContext(ssl));
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context for the Web API", e);
        }
    }

    /**
     * The Web API of connection {@code id} at {@code orgUrl} (e.g. {@code https://contoso.crm4.dynamics.com});
     * the same instance, and so the same governor, for every call with that id. A changed org URL replaces it.
     */
    public DataverseConnection connection(ConnectionId id, URI orgUrl) {
        return connections.compute(id, (key, existing) -> existing != null && existing.orgUrl().equals(orgUrl)
                ? existing : create(id, orgUrl));
    }

    public WebApiSettings settings() {
        return settings;
    }

    private DataverseConnection create(ConnectionId id, URI orgUrl) {
        String org = orgUrl.toString().endsWith("/") ? orgUrl.toString().substring(0, orgUrl.toString().length() - 1)
                : orgUrl.toString();
        String apiBase = org + "/api/data/" + settings.apiVersion();
        Governor governor = new Governor(settings.governor());
        return new DataverseConnection(id, orgUrl, apiBase, governor,
                new Exchange(id, apiBase, tokens, governor, transport, settings, clock), settings.metadataMaxAge(), clock);
    }
}
