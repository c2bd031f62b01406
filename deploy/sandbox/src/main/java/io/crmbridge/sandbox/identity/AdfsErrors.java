package io.crmbridge.sandbox.identity;

/**
 * The MSIS refusals of the sandbox's AD FS. MSIS9615 (expired refresh token, HTTP 401) is documented; the others
 * are the texts commonly reported for AD FS 2016/2019 (UNVERIFIED in shared/reference/identity.md §5.4). Any other
 * refusal on the AD FS side is the Entra one without its AADSTS code, in AD FS's two-member body.
 */
final class AdfsErrors {

    private AdfsErrors() {
    }

    static OAuthError refreshTokenExpired() {
        return OAuthError.adfs(401, "invalid_grant", "MSIS9615",
                "The refresh token received in refresh_token parameter has expired");
    }

    static OAuthError refreshTokenInvalid() {
        return OAuthError.adfs(400, "invalid_grant", "MSIS9614",
                "The refresh token received in 'refresh_token' parameter is invalid.");
    }

    static OAuthError unknownClient() {
        return OAuthError.adfs(400, "invalid_client", "MSIS9607",
                "The 'client_id' parameter in the request is invalid. No registered client is found with this"
                        + " identifier.");
    }

    static OAuthError unknownResource() {
        return OAuthError.adfs(400, "invalid_resource", "MSIS9602", "The received 'resource' parameter is invalid."
                + " The authorization server can not find a registered resource with the specified identifier.");
    }

    static OAuthError missingResource() {
        return OAuthError.adfs(400, "invalid_request", "MSIS9601", "The 'resource' parameter is missing in the"
                + " request. Send the 'resource' parameter that contains the resource identifier's value.");
    }

    static OAuthError invalidCode() {
        return OAuthError.adfs(400, "invalid_grant", "MSIS9612",
                "The authorization code received in 'code' parameter is invalid.");
    }
}
