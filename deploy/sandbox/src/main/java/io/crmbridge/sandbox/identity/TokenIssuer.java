package io.crmbridge.sandbox.identity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes successful token responses with everything MSAL4J reads (shared/reference/identity.md §1.2, §4.8):
 * a signed access token for one audience, {@code expires_in}/{@code ext_expires_in}, an id token when {@code openid}
 * was asked for, and for Entra the {@code client_info} MSAL4J keys its account cache on.
 */
final class TokenIssuer {

    private final AccessTokens accessTokens;
    private final IdTokens idTokens;
    private final Tenant tenant;
    private final Supplier<Lifetimes> lifetimes;
    private final Duration refreshIn;

    TokenIssuer(AccessTokens accessTokens, IdTokens idTokens, Tenant tenant, Supplier<Lifetimes> lifetimes,
                Duration refreshIn) {
        this.accessTokens = accessTokens;
        this.idTokens = idTokens;
        this.tenant = tenant;
        this.lifetimes = lifetimes;
        this.refreshIn = refreshIn;
    }

    /** Client credentials: an access token and nothing else (no refresh token, no id token, no scope). */
    Map<String, Object> appOnly(AppRegistration client, String audience) {
        Duration lifetime = lifetimes.get().accessToken();
        AccessTokens.Caller caller = new AccessTokens.Caller(client.servicePrincipalId(), tenant.id(),
                client.clientId(), client.displayName(), true);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", lifetime.getSeconds());
        body.put("ext_expires_in", lifetime.getSeconds());
        body.put("access_token", accessTokens.issue(caller, audience, lifetime));
        return body;
    }

    /** A user's tokens; {@code refreshToken} is null when none is issued this time. */
    Map<String, Object> delegated(TokenRequest request, Delegation delegation, String refreshToken) {
        Duration lifetime = lifetimes.get().accessToken();
        DirectoryUser user = delegation.session().user();
        AccessTokens.Caller caller = new AccessTokens.Caller(user.objectId(), tenant.id(),
                delegation.client().clientId(), user.username(), false);
        boolean adfs = request.authority().isAdfs();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", adfs ? "bearer" : "Bearer");
        body.put("scope", delegation.scopes().forAudience(delegation.audience()).wire());
        body.put("expires_in", lifetime.getSeconds());
        if (!adfs) {
            body.put("ext_expires_in", lifetime.getSeconds());
        }
        if (!adfs && !refreshIn.isZero()) {
            body.put("refresh_in", refreshIn.getSeconds());
        }
        body.put("access_token", accessTokens.issue(caller, delegation.audience(), lifetime));
        addRefreshToken(body, refreshToken, adfs);
        if (delegation.scopes().openid()) {
            body.put("id_token", idTokens.issue(request.authority(), delegation));
        }
        if (!adfs && "1".equals(request.param("client_info"))) {
            body.put("client_info", clientInfo(user));
        }
        return body;
    }

    private void addRefreshToken(Map<String, Object> body, String refreshToken, boolean adfs) {
        if (refreshToken == null) {
            return;
        }
        body.put("refresh_token", refreshToken);
        if (adfs) {
            body.put("refresh_token_expires_in", lifetimes.get().adfsSso().getSeconds());
        }
    }

    /** Base64url of {@code {"uid":oid,"utid":tid}}; MSAL4J's home account id is {@code uid.utid}. */
    private String clientInfo(DirectoryUser user) {
        String json = "{\"uid\":\"" + user.objectId() + "\",\"utid\":\"" + tenant.id() + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
