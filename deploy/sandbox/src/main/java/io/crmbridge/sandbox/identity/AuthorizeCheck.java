package io.crmbridge.sandbox.identity;

import java.net.URI;

/**
 * What the authorize endpoint makes of a request before anyone signs in. Until the client and its redirect URI are
 * trusted, errors are shown on a page; after that they travel back to the redirect URI.
 */
sealed interface AuthorizeCheck {

    record ErrorPage(OAuthError error) implements AuthorizeCheck {
    }

    record ErrorRedirect(URI target, OAuthError error) implements AuthorizeCheck {
    }

    record Accepted(AppRegistration client, URI target) implements AuthorizeCheck {
    }
}
