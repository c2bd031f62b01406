package io.crmbridge.sandbox.identity;

/**
 * A token request as a grant sees it.
 *
 * @param authority     where it arrived (Entra tenant or AD FS)
 * @param form          its parameters, client credentials from an HTTP Basic header merged in
 * @param requestOrigin scheme, host and port the client used, for checking a client assertion's audience
 */
record TokenRequest(Authority authority, Form form, String requestOrigin) {

    String param(String name) {
        return form.get(name);
    }

    /**
     * The scopes asked for. On AD FS a {@code resource} parameter (the ADAL style) names the audience instead.
     */
    Scopes scopes() {
        return Scopes.requested(form, authority.isAdfs());
    }
}
