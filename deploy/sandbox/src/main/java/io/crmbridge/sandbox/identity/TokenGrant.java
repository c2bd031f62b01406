package io.crmbridge.sandbox.identity;

/** One grant type of the token endpoint, run once the client has authenticated. */
interface TokenGrant {

    TokenOutcome redeem(TokenRequest request, AppRegistration client);
}
