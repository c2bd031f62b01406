package io.crmbridge.sandbox.identity;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal from the token, device code or authorize endpoint: HTTP status, OAuth {@code error}, the AADSTS or MSIS
 * code and its text, and the optional {@code suberror} MSAL uses to classify it (shared/reference/identity.md §2).
 *
 * @param code AADSTS or MSIS code, e.g. {@code AADSTS700082}, {@code MSIS9615}; null when the reply has none
 */
record OAuthError(int status, String error, String code, String message, String subError) {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    static OAuthError entra(int status, String error, int aadsts, String message) {
        return new OAuthError(status, error, "AADSTS" + aadsts, message, null);
    }

    static OAuthError adfs(int status, String error, String msis, String message) {
        return new OAuthError(status, error, msis, message, null);
    }

    OAuthError withSubError(String value) {
        return new OAuthError(status, error, code, message, value);
    }

    boolean isAadsts() {
        return code != null && code.startsWith("AADSTS");
    }

    /** The text before the trace lines: {@code AADSTS700082: The refresh token has expired...}. */
    String description() {
        return code == null ? message : code + ": " + message;
    }

    /**
     * The JSON body. Entra's carries the trace lines in {@code error_description} and repeats them as members; AD FS
     * answers with {@code error} and {@code error_description} only, so an AADSTS refusal on the AD FS side loses
     * its Entra code there.
     */
    Map<String, Object> body(Realm realm, Instant now, String traceId, String correlationId, String separator) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (realm == Realm.ADFS || !isAadsts()) {
            body.put("error_description", isAadsts() ? message : description());
            return body;
        }
        String timestamp = TIMESTAMP.format(now);
        body.put("error_description", description() + separator + "Trace ID: " + traceId + separator
                + "Correlation ID: " + correlationId + separator + "Timestamp: " + timestamp);
        long number = Long.parseLong(code.substring("AADSTS".length()));
        body.put("error_codes", List.of(number));
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        body.put("error_uri", "https://login.microsoftonline.com/error?code=" + number);
        if (subError != null) {
            body.put("suberror", subError);
        }
        return body;
    }
}
