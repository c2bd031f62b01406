package io.crmbridge.sandbox.identity;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Checks an authorize request (shared/reference/identity.md §1.2, §1.6, §5.1) in the order Entra does. */
final class AuthorizeRules {

    private final Directory directory;
    private final Tenant tenant;

    AuthorizeRules(Directory directory, Tenant tenant) {
        this.directory = directory;
        this.tenant = tenant;
    }

    AuthorizeCheck check(Form form, Authority authority) {
        if (!authority.isAdfs() && !tenant.answersTo(authority.segment())) {
            return new AuthorizeCheck.ErrorPage(EntraErrors.unknownTenant(authority.segment()));
        }
        String clientId = form.get("client_id");
        if (clientId == null) {
            return new AuthorizeCheck.ErrorPage(EntraErrors.missingParameter("client_id"));
        }
        Optional<AppRegistration> client = directory.client(clientId, authority.realm());
        if (client.isEmpty()) {
            return new AuthorizeCheck.ErrorPage(authority.isAdfs()
                    ? AdfsErrors.unknownClient() : EntraErrors.unknownClient(clientId, tenant));
        }
        return checkRedirect(form, client.get())
                .map(target -> checkRequest(form, authority, client.get(), target))
                .orElseGet(() -> new AuthorizeCheck.ErrorPage(form.has("redirect_uri")
                        ? GrantErrors.redirectUriNotRegistered(form.get("redirect_uri"), clientId)
                        : EntraErrors.missingParameter("redirect_uri")));
    }

    /** The registered URI the request names; without one, the client's only URI if it has just one. */
    private static Optional<URI> checkRedirect(Form form, AppRegistration client) {
        String requested = form.get("redirect_uri");
        if (requested == null) {
            return client.redirectUris().size() == 1
                    ? RedirectUris.match(client.redirectUris(), client.redirectUris().get(0)) : Optional.empty();
        }
        return RedirectUris.match(client.redirectUris(), requested);
    }

    private static AuthorizeCheck checkRequest(Form form, Authority authority, AppRegistration client, URI target) {
        String responseType = form.get("response_type");
        if (responseType == null || !List.of(responseType.split(" ")).contains("code")) {
            return new AuthorizeCheck.ErrorRedirect(target,
                    GrantErrors.unsupportedResponseType(responseType == null ? "" : responseType));
        }
        if (!Pkce.supportsMethod(form.get("code_challenge_method"))) {
            return new AuthorizeCheck.ErrorRedirect(target, GrantErrors.invalidChallengeMethod());
        }
        if (!authority.isAdfs() && !form.has("scope")) {
            return new AuthorizeCheck.ErrorRedirect(target, EntraErrors.missingParameter("scope"));
        }
        if (authority.isAdfs() && !form.has("scope") && !form.has("resource")) {
            return new AuthorizeCheck.ErrorRedirect(target, AdfsErrors.missingResource());
        }
        if ("none".equals(form.get("prompt"))) {
            return new AuthorizeCheck.ErrorRedirect(target, OAuthError.entra(400, "login_required", 50058,
                    "A silent sign-in request was sent but no user is signed in."));
        }
        return new AuthorizeCheck.Accepted(client, target);
    }
}
