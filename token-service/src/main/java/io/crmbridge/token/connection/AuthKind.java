package io.crmbridge.token.connection;

/** How the token-service obtains tokens for a connection (DESIGN.md, "Authentication kinds"). */
public enum AuthKind {
    /** Delegated, authorization code + PKCE, public ("Native") client: a user signs in on the connect page. */
    AUTHORIZATION_CODE,
    /** Delegated, authorization code + PKCE, confidential client (secret or certificate). */
    AUTHORIZATION_CODE_CONFIDENTIAL,
    /** App-only client credentials (secret or certificate); no refresh token, nobody signs in. */
    CLIENT_CREDENTIALS,
    /** Delegated, device code: an operator signs in from a terminal. */
    DEVICE_CODE;

    /** Whether the client authenticates with a secret or certificate. */
    public boolean confidential() {
        return this == AUTHORIZATION_CODE_CONFIDENTIAL || this == CLIENT_CREDENTIALS;
    }

    /** Whether a person must sign in to (re)connect; otherwise the service gets tokens on its own. */
    public boolean interactive() {
        return this != CLIENT_CREDENTIALS;
    }

    /** Whether the connection lives on a refresh token (every delegated kind). */
    public boolean usesRefreshToken() {
        return interactive();
    }
}
