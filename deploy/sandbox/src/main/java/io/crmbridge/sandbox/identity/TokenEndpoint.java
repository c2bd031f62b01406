package io.crmbridge.sandbox.identity;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /{tenant}/oauth2/v2.0/token} and {@code POST /adfs/oauth2/token}: injected failures first, then the
 * tenant, the grant type and the client's credentials, then the grant; every request is counted.
 */
final class TokenEndpoint {

    private final Map<Grant, TokenGrant> grants;
    private final ClientAuthentication clients;
    private final TokenFailures failures;
    private final TokenRequestCounter counter;
    private final Replies replies;
    private final Tenant tenant;

    TokenEndpoint(Map<Grant, TokenGrant> grants, ClientAuthentication clients, TokenFailures failures,
                  TokenRequestCounter counter, Replies replies, Tenant tenant) {
        this.grants = Map.copyOf(grants);
        this.clients = clients;
        this.failures = failures;
        this.counter = counter;
        this.replies = replies;
        this.tenant = tenant;
    }

    Mono<ServerResponse> handle(ServerRequest request, Authority authority) {
        String correlationId = Replies.correlationId(request);
        return Form.body(request).flatMap(form -> {
            TokenRequest tokenRequest = new TokenRequest(authority, withBasicCredentials(form, request),
                    origin(request.uri()));
            Grant grant = Grant.of(form.get("grant_type"));
            Optional<TokenFailure> injected = failures.take();
            if (injected.isPresent()) {
                counter.count(grant, injected.get().label());
                return replies.failure(injected.get(), authority.realm(), correlationId);
            }
            TokenOutcome outcome = decide(tokenRequest, grant);
            counter.count(grant, outcome.label());
            return replies.tokens(outcome, authority.realm(), correlationId);
        });
    }

    private TokenOutcome decide(TokenRequest request, Grant grant) {
        Authority authority = request.authority();
        if (!authority.isAdfs() && !tenant.answersTo(authority.segment())) {
            return new TokenOutcome.Refused(EntraErrors.unknownTenant(authority.segment()));
        }
        if (grant == Grant.UNSUPPORTED) {
            String grantType = request.param("grant_type");
            return new TokenOutcome.Refused(grantType == null
                    ? EntraErrors.missingParameter("grant_type") : EntraErrors.unsupportedGrantType(grantType));
        }
        Checked<AppRegistration> client = clients.authenticate(request);
        if (client.isRefused()) {
            return new TokenOutcome.Refused(client.error());
        }
        return grants.get(grant).redeem(request, client.value());
    }

    /** RFC 6749 §2.3.1: the client id and secret may come form-encoded in an HTTP Basic header instead. */
    private static Form withBasicCredentials(Form form, ServerRequest request) {
        String header = request.headers().firstHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return form;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return form;
            }
            Form merged = form.with("client_secret", URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
            return form.has("client_id") ? merged
                    : merged.with("client_id", URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return form;
        }
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
