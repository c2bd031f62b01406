package io.crmbridge.sandbox.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * Refusals of a grant itself (a code, a refresh token, a device code) and of the sign-in page, with Entra's codes
 * (shared/reference/identity.md §2.3). Refresh-token refusals are {@code invalid_grant} with HTTP 400, which MSAL4J
 * turns into {@code MsalInteractionRequiredException}, except AADSTS50076 in its {@code interaction_required} form.
 */
final class GrantErrors {

    private GrantErrors() {
    }

    static OAuthError invalidGrant(String parameter) {
        return OAuthError.entra(400, "invalid_grant", 70000,
                "The provided value for the input parameter '" + parameter + "' is not valid.");
    }

    static OAuthError malformedRefreshToken() {
        return OAuthError.entra(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
    }

    static OAuthError issuedToAnotherClient(String parameter) {
        return OAuthError.entra(400, "invalid_grant", 70000, "Provided grant is invalid or malformed. The '"
                + parameter + "' was issued to a different client.");
    }

    static OAuthError codeRedeemed() {
        return OAuthError.entra(400, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed,"
                + " please retry with a new valid code or use an existing refresh token.");
    }

    /** An expired code, and the older code for a revoked or expired grant. */
    static OAuthError grantExpired() {
        return OAuthError.entra(400, "invalid_grant", 70008, "The provided authorization code or refresh token has"
                + " expired due to inactivity. Send a new interactive authorization request for this user and"
                + " resource.");
    }

    static OAuthError redirectUriMismatch() {
        return OAuthError.entra(400, "invalid_grant", 70000, "The provided value for the input parameter"
                + " 'redirect_uri' is not valid. The value must exactly match the redirect URI used to obtain the"
                + " authorization code.");
    }

    static OAuthError pkceMismatch() {
        return OAuthError.entra(400, "invalid_grant", 501481,
                "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
    }

    static OAuthError refreshTokenInactive(Instant issuedOn, Duration inactivity) {
        return OAuthError.entra(400, "invalid_grant", 700082, "The refresh token has expired due to inactivity."
                + " The token was issued on " + EntraErrors.issuedOn(issuedOn) + " and was inactive for "
                + EntraErrors.timeSpan(inactivity) + ".").withSubError("bad_token");
    }

    static OAuthError grantRevoked(Instant issuedOn, Instant validFrom) {
        return OAuthError.entra(400, "invalid_grant", 50173, "The provided grant has expired due to it being"
                + " revoked, a fresh auth token is needed. The user might have changed or reset their password. The"
                + " grant was issued on '" + EntraErrors.issuedOn(issuedOn) + "' and the TokensValidFrom date (before"
                + " which tokens are not valid) for this user is '" + EntraErrors.issuedOn(validFrom) + "'.");
    }

    static OAuthError signInFrequency(Instant issuedOn, Duration frequency) {
        return OAuthError.entra(400, "invalid_grant", 70043, "The refresh token has expired or is invalid due to"
                + " sign-in frequency checks by conditional access. The token was issued on "
                + EntraErrors.issuedOn(issuedOn) + " and the maximum allowed lifetime for this request is "
                + frequency.getSeconds() + ".");
    }

    static OAuthError mfaRequired(String resource, IdentitySettings.MfaChallenge challenge) {
        String error = challenge == IdentitySettings.MfaChallenge.INTERACTION_REQUIRED
                ? "interaction_required" : "invalid_grant";
        return OAuthError.entra(400, error, 50076, "Due to a configuration change made by your administrator, or"
                + " because you moved to a new location, you must use multi-factor authentication to access '"
                + resource + "'.").withSubError("basic_action");
    }

    static OAuthError authorizationPending() {
        return OAuthError.entra(400, "authorization_pending", 70016,
                "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
    }

    static OAuthError deviceCodeExpired() {
        return OAuthError.entra(400, "expired_token", 70020, "The provided value for the input parameter"
                + " 'device_code' is not valid. This device code has expired.");
    }

    static OAuthError authorizationDeclined() {
        return OAuthError.entra(400, "authorization_declined", 70000,
                "The end user declined the authorization request.");
    }

    // Authorize endpoint and sign-in page.

    static OAuthError redirectUriNotRegistered(String uri, String clientId) {
        return OAuthError.entra(400, "invalid_request", 50011, "The redirect URI '" + uri + "' specified in the"
                + " request does not match the redirect URIs configured for the application '" + clientId + "'. Make"
                + " sure the redirect URI sent in the request matches one added to your application in the Azure"
                + " portal.");
    }

    static OAuthError unsupportedResponseType(String responseType) {
        return OAuthError.entra(400, "unsupported_response_type", 700054,
                "response_type '" + responseType + "' is not enabled for the application.");
    }

    static OAuthError invalidChallengeMethod() {
        return OAuthError.entra(400, "invalid_request", 50149, "Invalid Code_Challenge_method parameter.");
    }

    static OAuthError consentDeclined() {
        return OAuthError.entra(400, "access_denied", 65004, "User declined to consent to access the app.");
    }

    static OAuthError badPassword() {
        return OAuthError.entra(400, "invalid_grant", 50126,
                "Error validating credentials due to invalid username or password.");
    }

    static OAuthError unknownUser(String username, Tenant tenant) {
        return OAuthError.entra(400, "invalid_grant", 50034, "The user account " + username + " does not exist in"
                + " the " + tenant.displayName() + " directory. To sign into this application, the account must be"
                + " added to the directory.");
    }
}
