package io.crmbridge.sandbox;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.crmbridge.sandbox.admin.Admin;
import io.crmbridge.sandbox.admin.Faults;
import io.crmbridge.sandbox.admin.RequestCounts;
import io.crmbridge.sandbox.dataverse.Dataverse;
import io.crmbridge.sandbox.identity.AccessTokens;
import io.crmbridge.sandbox.identity.Identity;
import io.crmbridge.sandbox.registry.SchemaRegistryEmulator;
import io.crmbridge.sandbox.traffic.TrafficGenerator;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import reactor.netty.http.Http11SslContextSpec;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The sandbox: Dataverse, Entra ID / AD FS, a schema registry and an admin API, served in-process over real
 * HTTP(S) on Reactor Netty. Tests start one with {@code Sandbox.start(SandboxSettings.defaults())}; the runnable
 * app ({@link SandboxApplication}) and the local stack start one on fixed ports.
 */
public final class Sandbox implements AutoCloseable {

    private static final AccessTokens.Caller SEEDED_APPLICATION = new AccessTokens.Caller(
            "5a1a0b8e-0000-4000-8000-00000000a001", "00000000-0000-4000-8000-0000000000c0",
            "5a1a0b8e-0000-4000-8000-00000000c1d0", "sandbox-app", true);

    private final SandboxClock clock = new SandboxClock();
    private final Faults faults = new Faults(clock);
    // Closing a server closes the connections in its group too: a closed sandbox must not keep answering on
    // keep-alive connections that clients still hold.
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final DisposableServer https;
    private final DisposableServer http;
    private final URI httpsBase;
    private final URI httpBase;
    private final Identity identity;
    private final Dataverse dataverse;
    private final SchemaRegistryEmulator registry;
    private final AccessTokens tokens;
    private final TrafficGenerator traffic;

    private Sandbox(SandboxSettings settings) {
        // Bind first, route later: every URL the sandbox hands out (issuer, org URLs) must name the real port.
        Routes secureRoutes = new Routes();
        this.https = HttpServer.create().host(settings.host()).port(settings.httpsPort()).channelGroup(connections)
                .secure(spec -> spec.sslContext(Http11SslContextSpec.forServer(SandboxTls.keyManagers())))
                .handle(new ReactorHttpHandlerAdapter(faults.requests().countingHttps(secureRoutes))).bindNow();
        this.httpsBase = URI.create("https://" + settings.host() + ":" + https.port());
        this.tokens = new AccessTokens(clock, httpsBase + "/");
        this.identity = new Identity(settings.identity(), clock, tokens, httpsBase);
        this.dataverse = new Dataverse(settings.dataverse(), clock, tokens, httpsBase);
        this.registry = new SchemaRegistryEmulator();
        this.traffic = new TrafficGenerator(dataverse);
        Admin admin = new Admin(clock, faults, identity, dataverse, registry, List.of(traffic.adminRoutes()));
        secureRoutes.use(identity.routes().and(dataverse.routes()).and(admin.routes()).filter(faults.filter()));
        this.http = HttpServer.create().host(settings.host()).port(settings.httpPort()).channelGroup(connections)
                .handle(new ReactorHttpHandlerAdapter(faults.requests().countingHttp(
                        handler(registry.routes().and(admin.routes()))))).bindNow();
        this.httpBase = URI.create("http://" + settings.host() + ":" + http.port());
    }

    public static Sandbox start(SandboxSettings settings) {
        return new Sandbox(settings);
    }

    /** Base of the HTTPS endpoints: Dataverse orgs, Entra ID tenants, AD FS, admin. */
    public URI httpsBase() {
        return httpsBase;
    }

    /** Base of the plain-HTTP endpoints: the schema registry and admin. */
    public URI httpBase() {
        return httpBase;
    }

    /** Where a Confluent-compatible client finds the schema registry ({@code schema.registry.url}). */
    public URI registryUrl() {
        return httpBase;
    }

    /**
     * An app-only access token for the org at {@code orgUrl}, as an application user gets it through client
     * credentials; for tests, the traffic generator and benchmarks that are not about identity.
     */
    public String appAccessToken(String orgUrl) {
        return tokens.issue(SEEDED_APPLICATION, orgUrl, Duration.ofHours(1));
    }

    public SandboxClock clock() {
        return clock;
    }

    public Faults faults() {
        return faults;
    }

    /** Every request the sandbox answered, by area, method, status, org and injected fault. */
    public RequestCounts requests() {
        return faults.requests();
    }

    public Identity identity() {
        return identity;
    }

    public Dataverse dataverse() {
        return dataverse;
    }

    /** Mutates records at a steady rate for demos and benchmarks ({@code /admin/traffic}). */
    public TrafficGenerator traffic() {
        return traffic;
    }

    public SchemaRegistryEmulator registry() {
        return registry;
    }

    @Override
    public void close() {
        traffic.close();
        http.disposeNow();
        https.disposeNow();
    }

    private static HttpHandler handler(RouterFunction<ServerResponse> routes) {
        return RouterFunctions.toHttpHandler(routes);
    }

    /** An HTTP handler whose routes are set once the server knows its port. */
    private static final class Routes implements HttpHandler {
        private volatile HttpHandler delegate;

        void use(RouterFunction<ServerResponse> routes) {
            this.delegate = handler(routes);
        }

        @Override
        public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
            HttpHandler current = delegate;
            if (current == null) {
                response.setStatusCode(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE);
                return response.setComplete();
            }
            return current.handle(request, response);
        }
    }
}
