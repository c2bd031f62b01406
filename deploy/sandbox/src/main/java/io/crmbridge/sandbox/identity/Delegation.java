package io.crmbridge.sandbox.identity;

/**
 * What a user's token is for: the client, the user's session, the scopes granted, the one audience the access token
 * names, and the {@code nonce} of the authorize request (null if none).
 */
record Delegation(AppRegistration client, Session session, Scopes scopes, String audience, String nonce) {
}
