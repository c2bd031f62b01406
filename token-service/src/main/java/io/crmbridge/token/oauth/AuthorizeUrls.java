package io.crmbridge.token.oauth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.crmbridge.token.connection.AuthorityType;
import io.crmbridge.token.connection.Connection;

/**
 * The authorization request a browser is sent to (identity.md §1.2, §5.1): the endpoint MSAL would derive from the
 * authority, code + PKCE (S256), the connection's scopes plus {@code openid profile offline_access}, and
 * {@code response_mode=query}. MSAL4J 1.26 builds these URLs with {@code response_mode=form_post} whatever it is
 * asked; a cross-site form post would arrive without the SameSite=Lax cookie that binds the sign-in to the browser
 * (and would be refused as a cross-site write), so the URL is built here and only the code redemption uses MSAL.
 */
final class AuthorizeUrls {

    private static final List<String> OPENID = List.of("openid", "profile", "offline_access");

    private AuthorizeUrls() {
    }

    static URI of(Connection connection, URI redirectUri, String state, PkceChallenge pkce) {
        String authority = connection.authority().toString();
        String endpoint = authority + (connection.authorityType() == AuthorityType.ADFS
                ? "oauth2/authorize" : "oauth2/v2.0/authorize");
        List<String> scopes = new ArrayList<>(connection.scopes());
        OPENID.stream().filter(s -> !scopes.contains(s)).forEach(scopes::add);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", connection.clientId());
        query.put("response_type", "code");
        query.put("redirect_uri", redirectUri.toString());
        query.put("response_mode", "query");
        query.put("scope", String.join(" ", scopes));
        query.put("state", state);
        query.put("code_challenge", pkce.challenge());
        query.put("code_challenge_method", "S256");
        query.put("prompt", "select_account");
        return URI.create(endpoint + "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&")));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
