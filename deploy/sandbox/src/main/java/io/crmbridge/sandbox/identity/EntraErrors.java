package io.crmbridge.sandbox.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The AADSTS refusals the sandbox's Entra ID gives, with Microsoft's texts (shared/reference/identity.md §2.3 and
 * the issues it cites). Status and {@code error} follow the reference; where it says UNVERIFIED the likelier value
 * is used (400 for {@code invalid_grant}, 401 for {@code invalid_client}).
 */
final class EntraErrors {

    private static final DateTimeFormatter ISSUED_ON =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final String CERT_DOCS =
            " Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials .";

    private EntraErrors() {
    }

    static OAuthError missingParameter(String name) {
        return OAuthError.entra(400, "invalid_request", 900144,
                "The request body must contain the following parameter: '" + name + "'.");
    }

    static OAuthError unknownTenant(String segment) {
        return OAuthError.entra(400, "invalid_request", 90002, "Tenant '" + segment + "' not found. Check to make"
                + " sure you have the correct tenant ID and are signing into the correct cloud.");
    }

    static OAuthError unknownClient(String clientId, Tenant tenant) {
        return OAuthError.entra(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
                + "' was not found in the directory '" + tenant.displayName() + "'. This can happen if the application"
                + " has not been installed by the administrator of the tenant or consented to by any user in the"
                + " tenant. You may have sent your authentication request to the wrong tenant.");
    }

    static OAuthError postOnly(String method) {
        return OAuthError.entra(400, "invalid_request", 900561,
                "The endpoint only accepts POST, OPTIONS requests. Received a " + method + " request.");
    }

    static OAuthError unsupportedGrantType(String grantType) {
        return OAuthError.entra(400, "unsupported_grant_type", 70003,
                "The app requested an unsupported grant type '" + grantType + "'.");
    }

    static OAuthError grantNotOnCommon() {
        return OAuthError.entra(400, "invalid_request", 9001023, "The grant type isn't supported over the /common"
                + " or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.");
    }

    // Client authentication.

    static OAuthError publicClientWithCredential() {
        return OAuthError.entra(401, "invalid_client", 700025,
                "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.");
    }

    static OAuthError missingClientCredential() {
        return OAuthError.entra(401, "invalid_client", 7000218,
                "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }

    static OAuthError invalidSecret(String clientId) {
        return OAuthError.entra(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret"
                + " being sent in the request is the client secret value, not the client secret ID, for a secret"
                + " added to app '" + clientId + "'.");
    }

    static OAuthError expiredSecret(String clientId) {
        return OAuthError.entra(401, "invalid_client", 7000222, "The provided client secret keys for app '"
                + clientId + "' are expired. Visit the Azure portal to create new keys for your app:"
                + " https://aka.ms/NewClientSecret, or consider using certificate credentials for added security:"
                + " https://aka.ms/certCreds.");
    }

    static OAuthError malformedAssertion() {
        return OAuthError.entra(401, "invalid_client", 50027, "JWT token is invalid or malformed.");
    }

    static OAuthError assertionKeyNotFound(String thumbprintHex, String clientId) {
        return OAuthError.entra(401, "invalid_client", 700027, "The certificate with identifier used to sign the"
                + " client assertion is not registered on application. [Reason - The key was not found., Thumbprint"
                + " of key used by client: '" + thumbprintHex + "', Please visit the Azure Portal, Graph Explorer or"
                + " directly use MS Graph to see configured keys for app Id '" + clientId + "'.]");
    }

    static OAuthError assertionSignatureInvalid() {
        return OAuthError.entra(401, "invalid_client", 700027, "Client assertion failed signature validation."
                + CERT_DOCS);
    }

    static OAuthError assertionCertificateExpired(String clientId) {
        return OAuthError.entra(401, "invalid_client", 700027, "Client assertion contains an invalid signature."
                + " [Reason - The key used is expired., Please visit the Azure Portal to see configured keys for"
                + " app Id '" + clientId + "'.]");
    }

    static OAuthError assertionWrongIssuer() {
        return OAuthError.entra(401, "invalid_client", 700021,
                "Client assertion application identifier doesn't match 'client_id' parameter." + CERT_DOCS);
    }

    static OAuthError assertionWrongAudience() {
        return OAuthError.entra(401, "invalid_client", 700023,
                "Client assertion audience claim does not match Realm issuer." + CERT_DOCS);
    }

    static OAuthError assertionOutOfTime(Instant now, Instant notBefore, Instant expiry) {
        return OAuthError.entra(401, "invalid_client", 700024, "Client assertion is not within its valid time"
                + " range. Current time: " + ISSUED_ON.format(now) + ", assertion valid from " + format(notBefore)
                + ", expiry time of assertion " + format(expiry) + "." + CERT_DOCS);
    }

    // Scopes and resources.

    static OAuthError invalidScope(String scope) {
        return OAuthError.entra(400, "invalid_scope", 70011, "The provided request must include a 'scope' input"
                + " parameter. The provided value for the input parameter 'scope' is not valid. The scope " + scope
                + " is not valid.");
    }

    static OAuthError clientCredentialsNeedDefault(String scope) {
        return OAuthError.entra(400, "invalid_scope", 1002012, "The provided value for scope " + scope + " is not"
                + " valid. Client credential flows must have a scope value with /.default suffixed to the resource"
                + " identifier (application ID URI).");
    }

    static OAuthError severalResources(String scope) {
        return OAuthError.entra(400, "invalid_scope", 28000, "Provided value for the input parameter scope is not"
                + " valid because it contains more than one resource. Scope " + scope + " is not valid.");
    }

    static OAuthError unknownResource(String resource, Tenant tenant) {
        return OAuthError.entra(400, "invalid_resource", 500011, "The resource principal named " + resource
                + " was not found in the tenant named " + tenant.displayName() + ". This can happen if the"
                + " application has not been installed by the administrator of the tenant or consented to by any user"
                + " in the tenant. You might have sent your authentication request to the wrong tenant.");
    }

    private static String format(Instant instant) {
        return instant == null ? "(none)" : ISSUED_ON.format(instant);
    }

    static String issuedOn(Instant instant) {
        return ISSUED_ON.format(instant);
    }

    /** A .NET TimeSpan as Entra prints it: {@code 90.00:00:00}. */
    static String timeSpan(Duration duration) {
        long seconds = duration.getSeconds();
        String clock = String.format("%02d:%02d:%02d", seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
        long days = seconds / 86_400;
        return days > 0 ? days + "." + clock : clock;
    }
}
