package io.crmbridge.sandbox.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenID Connect discovery documents: Entra's {@code /{tenant}/v2.0/.well-known/openid-configuration} (which also
 * lets MSAL4J's {@code oidcAuthority(".../{tenant}/v2.0/")} work) and AD FS's
 * {@code /adfs/.well-known/openid-configuration}.
 */
final class Discovery {

    private final Tenant tenant;

    Discovery(Tenant tenant) {
        this.tenant = tenant;
    }

    Map<String, Object> configuration(Authority authority) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", authority.issuer(tenant));
        document.put("authorization_endpoint", authority.authorizeEndpoint());
        document.put("token_endpoint", authority.tokenEndpoint());
        document.put("device_authorization_endpoint", authority.deviceCodeEndpoint());
        document.put("jwks_uri", authority.jwksUri());
        document.put("response_types_supported", List.of("code"));
        document.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        document.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials",
                "urn:ietf:params:oauth:grant-type:device_code"));
        document.put("subject_types_supported", List.of("pairwise"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("token_endpoint_auth_methods_supported",
                List.of("client_secret_post", "private_key_jwt", "client_secret_basic"));
        document.put("code_challenge_methods_supported", List.of("plain", "S256"));
        document.put("scopes_supported", authority.isAdfs()
                ? List.of("openid", "profile", "email", "offline_access", "user_impersonation")
                : List.of("openid", "profile", "email", "offline_access"));
        if (authority.isAdfs()) {
            document.put("access_token_issuer", authority.base() + "/adfs/services/trust");
        }
        return document;
    }
}
