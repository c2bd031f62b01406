package io.crmbridge.sandbox.identity;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.crmbridge.sandbox.SandboxClock;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The sandbox's Microsoft Entra ID v2.0 ({@code /{tenant}/oauth2/v2.0/...}) and AD FS ({@code /adfs/oauth2/...}),
 * faithful enough that MSAL4J talks to it unchanged (shared/reference/identity.md): authorization code with PKCE,
 * refresh tokens (rotated on Entra, not on AD FS), client credentials with a secret or a certificate assertion,
 * device code; id tokens and {@code client_info} as MSAL4J needs them; real AADSTS / MSIS error bodies.
 * Seeds: {@link IdentitySeeds}. Tests steer it through the methods below, the admin API through
 * {@link #adminRoutes()}.
 */
public final class Identity {

    /** Dataverse's first-party resource app id, as Entra names it in error texts. */
    static final String DATAVERSE_APP_ID = "00000007-0000-0000-c000-000000000000";

    private final SandboxClock clock;
    private final String base;
    private final Tenant tenant = Tenant.SEEDED;
    private final Directory directory = new Directory();
    private final RefreshTokens refreshTokens = new RefreshTokens();
    private final TokenFailures failures = new TokenFailures();
    private final TokenRequestCounter counter = new TokenRequestCounter();
    private final AtomicReference<Lifetimes> lifetimes;
    private final AccessTokens tokens;
    private final Replies replies;
    private final Discovery discovery = new Discovery(tenant);
    private final DeviceCodeEndpoint deviceCodeEndpoint;
    private final AuthorizeEndpoint authorizeEndpoint;
    private final TokenEndpoint tokenEndpoint;

    public Identity(IdentitySettings settings, SandboxClock clock, AccessTokens tokens, URI httpsBase) {
        this.clock = clock;
        this.tokens = tokens;
        this.base = Scopes.trimTrailingSlash(httpsBase.toString());
        this.lifetimes = new AtomicReference<>(settings.lifetimes());
        this.replies = new Replies(clock, settings.traceSeparator());
        IdentitySeeds.users().forEach(directory::add);
        IdentitySeeds.clients(clock.instant(), settings.lifetimes()).forEach(directory::add);
        DeviceCodes deviceCodes = new DeviceCodes();
        AuthorizationCodes codes = new AuthorizationCodes();
        this.deviceCodeEndpoint = new DeviceCodeEndpoint(directory, deviceCodes, tenant, clock, lifetimes::get,
                settings.deviceCodePollInterval(), replies);
        this.authorizeEndpoint = new AuthorizeEndpoint(new AuthorizeRules(directory, tenant), directory, codes,
                tenant, clock, settings.traceSeparator());
        this.tokenEndpoint = new TokenEndpoint(grants(settings, codes, deviceCodes),
                new ClientAuthentication(directory, new ClientAssertions(Clock.systemUTC()), clock, tenant),
                failures, counter, replies, tenant);
    }

    private Map<Grant, TokenGrant> grants(IdentitySettings settings, AuthorizationCodes codes,
                                          DeviceCodes deviceCodes) {
        TokenIssuer issuer = new TokenIssuer(tokens, new IdTokens(tokens, clock, tenant), tenant, lifetimes::get,
                settings.refreshIn());
        Audiences audiences = new Audiences(directory, tenant);
        UserTokens userTokens = new UserTokens(issuer, refreshTokens, clock);
        return Map.of(
                Grant.AUTHORIZATION_CODE, new AuthorizationCodeGrant(codes, audiences, userTokens, clock, lifetimes::get),
                Grant.REFRESH_TOKEN, new RefreshTokenGrant(refreshTokens, directory, audiences, userTokens, clock,
                        lifetimes::get, settings),
                Grant.CLIENT_CREDENTIALS, new ClientCredentialsGrant(audiences, issuer),
                Grant.DEVICE_CODE, new DeviceCodeGrant(deviceCodes, audiences, userTokens, clock));
    }

    /** The HTTPS routes: Entra ID under {@code /{tenant}/}, AD FS under {@code /adfs/}, {@code /devicelogin}. */
    public RouterFunction<ServerResponse> routes() {
        Authority adfs = Authority.adfs(base);
        return RouterFunctions.route()
                .GET("/adfs/.well-known/openid-configuration", r -> json(discovery.configuration(adfs)))
                .GET("/adfs/discovery/keys", r -> json(tokens.jwks()))
                .GET("/adfs/oauth2/authorize", r -> authorizeEndpoint.show(r, adfs))
                .POST("/adfs/oauth2/authorize", r -> authorizeEndpoint.submit(r, adfs))
                .POST("/adfs/oauth2/token", r -> tokenEndpoint.handle(r, adfs))
                .POST("/adfs/oauth2/devicecode", r -> deviceCodeEndpoint.start(r, adfs))
                .GET("/adfs/oauth2/deviceauth", r -> deviceCodeEndpoint.page(r, adfs))
                .POST("/adfs/oauth2/deviceauth", r -> deviceCodeEndpoint.submit(r, adfs))
                .GET("/devicelogin", r -> deviceCodeEndpoint.page(r, entra("organizations")))
                .POST("/devicelogin", r -> deviceCodeEndpoint.submit(r, entra("organizations")))
                .GET("/{tenant}/v2.0/.well-known/openid-configuration", this::entraConfiguration)
                .GET("/{tenant}/discovery/v2.0/keys", r -> json(tokens.jwks()))
                .GET("/{tenant}/oauth2/v2.0/authorize", r -> authorizeEndpoint.show(r, entra(r)))
                .POST("/{tenant}/oauth2/v2.0/authorize", r -> authorizeEndpoint.submit(r, entra(r)))
                .POST("/{tenant}/oauth2/v2.0/token", r -> tokenEndpoint.handle(r, entra(r)))
                .GET("/{tenant}/oauth2/v2.0/token", r -> replies.error(EntraErrors.postOnly(r.method().name()),
                        Realm.ENTRA, Replies.correlationId(r)))
                .POST("/{tenant}/oauth2/v2.0/devicecode", r -> deviceCodeEndpoint.start(r, entra(r)))
                .build();
    }

    /** The admin API under {@code /admin/identity/...}; see {@link IdentityAdminRoutes}. */
    public RouterFunction<ServerResponse> adminRoutes() {
        return new IdentityAdminRoutes(this).routes();
    }

    /** MSAL4J's {@code authority} for the seeded tenant: {@code https://host:port/{tenantId}/}. */
    public String entraAuthority() {
        return entraAuthority(tenant.id());
    }

    /** MSAL4J's {@code authority} with {@code tenant} as written: GUID, domain, {@code organizations}, {@code common}. */
    public String entraAuthority(String tenantSegment) {
        return base + "/" + tenantSegment + "/";
    }

    /** MSAL4J's {@code authority} for AD FS: {@code https://host:port/adfs/}. */
    public String adfsAuthority() {
        return base + "/adfs/";
    }

    /** The signer of every access token; {@code verify(token, orgUrl)} is what Dataverse checks. */
    public AccessTokens accessTokens() {
        return tokens;
    }

    /** The sandbox's clock: secrets, codes and refresh tokens age by it. */
    Clock clock() {
        return clock;
    }

    public void register(AppRegistration client) {
        directory.add(client);
    }

    public void register(DirectoryUser user) {
        directory.add(user);
    }

    /** Makes {@code audience} a known resource besides the sandbox's orgs ({@code https://host:port/org/{org}}). */
    public void registerResource(String audience) {
        directory.addResource(audience);
    }

    public Optional<AppRegistration> client(String clientId) {
        return directory.client(clientId);
    }

    /** Approves a pending device code as {@code username} would on the verification page. */
    public boolean approveDeviceCode(String userCode, String username) {
        return deviceCodeEndpoint.approve(userCode, user(username));
    }

    /** Makes every refresh token of {@code username} fail as if idle past the inactivity window (AADSTS700082, MSIS9615). */
    public int expireRefreshTokens(String username) {
        DirectoryUser user = user(username);
        return refreshTokens.expire(grant -> grant.session().user().objectId().equals(user.objectId()));
    }

    /** Makes every refresh token fail as if idle past the inactivity window. */
    public int expireAllRefreshTokens() {
        return refreshTokens.expire(grant -> true);
    }

    /** Revokes {@code username}'s sessions, as an admin or a password reset does (AADSTS50173; AD FS MSIS9614). */
    public void revokeRefreshTokens(String username) {
        directory.updatePolicy(user(username).username(), policy -> policy.withTokensValidFrom(clock.instant()));
    }

    /** Conditional Access MFA for {@code username}: refreshes of sessions without MFA fail with AADSTS50076. */
    public void requireMfa(String username, boolean required) {
        directory.updatePolicy(user(username).username(), policy -> policy.withMfaRequired(required));
    }

    /** Conditional Access sign-in frequency: refreshes of older sessions fail with AADSTS70043; null lifts it. */
    public void requireSignInFrequency(String username, Duration every) {
        directory.updatePolicy(user(username).username(), policy -> policy.withSignInFrequency(every));
    }

    /** Expires every secret of {@code clientId} now (AADSTS7000222 from then on). */
    public void expireClientSecret(String clientId) {
        if (!directory.expireSecrets(clientId, clock.instant())) {
            throw new NoSuchElementException("unknown client " + clientId);
        }
    }

    /** Answers the next {@code count} token requests with {@code failure}, whatever they ask. */
    public void failNextTokenRequests(int count, TokenFailure failure) {
        failures.failNext(count, failure);
    }

    public Lifetimes lifetimes() {
        return lifetimes.get();
    }

    /** New lifetimes for what is issued from now on. */
    public void lifetimes(Lifetimes value) {
        lifetimes.set(value);
    }

    public TokenRequestCounts tokenRequests() {
        return counter.snapshot();
    }

    public void resetTokenRequestCounts() {
        counter.reset();
    }

    private DirectoryUser user(String username) {
        return directory.user(username).orElseThrow(() -> new NoSuchElementException("unknown user " + username));
    }

    private Authority entra(ServerRequest request) {
        return entra(request.pathVariable("tenant"));
    }

    private Authority entra(String segment) {
        return Authority.entra(base, segment);
    }

    private Mono<ServerResponse> entraConfiguration(ServerRequest request) {
        Authority authority = entra(request);
        if (!tenant.answersTo(authority.segment())) {
            return replies.error(EntraErrors.unknownTenant(authority.segment()), Realm.ENTRA,
                    Replies.correlationId(request));
        }
        return json(discovery.configuration(authority));
    }

    private Mono<ServerResponse> json(Map<String, ?> body) {
        return replies.json(200, body, UUID.randomUUID().toString(), UUID.randomUUID().toString());
    }
}
