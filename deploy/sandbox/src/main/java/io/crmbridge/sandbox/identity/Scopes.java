package io.crmbridge.sandbox.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code scope} parameter split into resource scopes ({@code {orgUrl}/.default}, {@code {orgUrl}/user_impersonation})
 * and the OpenID Connect scopes. A resource scope's audience is the scope without its last path segment, so
 * {@code https://host/org/contoso/.default} is for {@code https://host/org/contoso}.
 */
record Scopes(List<String> resourceScopes, Set<String> oidcScopes) {

    static final Set<String> OIDC = Set.of("openid", "profile", "email", "offline_access");
    /** Scopes without a URL ({@code User.Read}) belong to Microsoft Graph. */
    static final String GRAPH = "https://graph.microsoft.com";

    Scopes {
        resourceScopes = List.copyOf(resourceScopes);
        oidcScopes = Set.copyOf(oidcScopes);
    }

    static Scopes parse(String value) {
        List<String> resources = new ArrayList<>();
        Set<String> oidc = new LinkedHashSet<>();
        if (value != null) {
            for (String scope : value.trim().split("\\s+")) {
                if (OIDC.contains(scope)) {
                    oidc.add(scope);
                } else if (!scope.isEmpty() && !resources.contains(scope)) {
                    resources.add(scope);
                }
            }
        }
        return new Scopes(resources, oidc);
    }

    /** The scopes a request asks for; on AD FS a {@code resource} parameter (the ADAL style) names the audience. */
    static Scopes requested(Form form, boolean adfs) {
        Scopes scopes = parse(form.get("scope"));
        return adfs && form.has("resource") ? ofResource(form.get("resource"), scopes) : scopes;
    }

    /** The audience an AD FS {@code resource} parameter names. */
    static Scopes ofResource(String resource, Scopes oidc) {
        return new Scopes(List.of(trimTrailingSlash(resource) + "/user_impersonation"), oidc.oidcScopes());
    }

    static String audienceOf(String scope) {
        int scheme = scope.indexOf("://");
        if (scheme < 0) {
            return GRAPH;
        }
        int lastSlash = scope.lastIndexOf('/');
        return lastSlash <= scheme + 2 ? scope : trimTrailingSlash(scope.substring(0, lastSlash));
    }

    static String trimTrailingSlash(String uri) {
        String trimmed = uri;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    boolean openid() {
        return oidcScopes.contains("openid");
    }

    boolean offlineAccess() {
        return oidcScopes.contains("offline_access");
    }

    /** The distinct audiences, in the order they were asked for. */
    List<String> audiences() {
        return resourceScopes.stream().map(Scopes::audienceOf).distinct().toList();
    }

    /** Whether every resource scope is {@code <resource>/.default}, as client credentials require. */
    boolean allDefault() {
        return resourceScopes.stream().allMatch(scope -> scope.endsWith("/.default"));
    }

    /** These scopes narrowed to {@code audience}: what a token for that one resource was granted. */
    Scopes forAudience(String audience) {
        return new Scopes(resourceScopes.stream().filter(scope -> audienceOf(scope).equals(audience)).toList(),
                oidcScopes);
    }

    /** The {@code scope} member of a token response. */
    String wire() {
        List<String> all = new ArrayList<>(resourceScopes);
        Arrays.stream(new String[] {"openid", "profile", "email", "offline_access"})
                .filter(oidcScopes::contains).forEach(all::add);
        return String.join(" ", all);
    }
}
