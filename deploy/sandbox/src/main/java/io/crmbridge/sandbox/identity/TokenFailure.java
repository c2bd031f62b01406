package io.crmbridge.sandbox.identity;

import java.time.Duration;

/**
 * A failure the token endpoint answers the next requests with ({@link Identity#failNextTokenRequests}), before it
 * looks at them. Without an {@code error} the reply has an empty body (MSAL4J: {@code errorCode() == "unknown"}).
 * MSAL4J retries a 5xx without {@code Retry-After} once after a second (shared/reference/identity.md §4.6).
 *
 * @param status     HTTP status
 * @param error      OAuth {@code error}, or null for an empty body
 * @param aadsts     the AADSTS number in the description; 0 for none
 * @param message    the description text
 * @param retryAfter sent as {@code Retry-After} when not null
 */
public record TokenFailure(int status, String error, int aadsts, String message, Duration retryAfter) {

    /** A bare 5xx (or any status) with an empty body. */
    public static TokenFailure status(int status) {
        return new TokenFailure(status, null, 0, null, null);
    }

    /** {@code temporarily_unavailable} (AADSTS50033, a transient error) with the given status, e.g. 503 or 400. */
    public static TokenFailure temporarilyUnavailable(int status) {
        return new TokenFailure(status, "temporarily_unavailable", 50033,
                "A transient error has occurred. Please try again.", null);
    }

    /** HTTP 429 with {@code Retry-After}. */
    public static TokenFailure throttled(Duration retryAfter) {
        return new TokenFailure(429, "temporarily_unavailable", 90055,
                "There are too many incoming requests. Please try again later.", retryAfter);
    }

    /** Any OAuth error, e.g. {@code of(500, "server_error", 90033, "...")}. */
    public static TokenFailure of(int status, String error, int aadsts, String message) {
        return new TokenFailure(status, error, aadsts, message, null);
    }

    OAuthError toError() {
        if (error == null) {
            return null;
        }
        return aadsts > 0 ? OAuthError.entra(status, error, aadsts, message)
                : new OAuthError(status, error, null, message, null);
    }

    /** How the failure is counted: its {@code error}, or {@code http_<status>} for an empty body. */
    String label() {
        return error != null ? error : "http_" + status;
    }
}
