package io.crmbridge.sandbox.admin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;

/**
 * Error bodies for injected statuses, shaped like those of the service asked, so clients classify an injected
 * fault as they would a real one: Dataverse {@code {"error":{"code","message"}}}, Entra ID
 * {@code error}/{@code error_description}/{@code error_codes}, AD FS {@code error}/{@code error_description}.
 */
final class ErrorBodies {

    private static final DateTimeFormatter ENTRA_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private ErrorBodies() {
    }

    static Map<String, Object> forPath(String path, int status, Instant now) {
        if (path.startsWith("/org/")) {
            return dataverse(status);
        }
        if (path.startsWith("/adfs/")) {
            return adfs(status);
        }
        return entra(status, now);
    }

    private static Map<String, Object> dataverse(int status) {
        Map<String, Object> error = new LinkedHashMap<>();
        if (status == 429) {
            error.put("code", "0x80072322");
            error.put("message", "Number of requests exceeded the limit of 6000 over time window of 300 seconds.");
        } else {
            // The docs say code "is frequently empty"; only the status tells a client what to do here.
            error.put("code", "");
            error.put("message", reason(status));
        }
        return Map.of("error", error);
    }

    private static Map<String, Object> entra(int status, Instant now) {
        String traceId = UUID.randomUUID().toString();
        String correlationId = UUID.randomUUID().toString();
        String timestamp = ENTRA_TIMESTAMP.format(now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", oauthError(status));
        if (isTransient(status)) {
            int code = status == 429 ? 90024 : 90033;
            body.put("error_description", "AADSTS" + code + ": A transient error has occurred. Please try again."
                    + "\r\nTrace ID: " + traceId + "\r\nCorrelation ID: " + correlationId
                    + "\r\nTimestamp: " + timestamp);
            body.put("error_codes", List.of(code));
        } else {
            body.put("error_description", reason(status) + "\r\nTrace ID: " + traceId
                    + "\r\nCorrelation ID: " + correlationId + "\r\nTimestamp: " + timestamp);
        }
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        return body;
    }

    private static Map<String, Object> adfs(int status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", oauthError(status));
        body.put("error_description", reason(status));
        return body;
    }

    private static String oauthError(int status) {
        return isTransient(status) ? "temporarily_unavailable" : "invalid_request";
    }

    private static boolean isTransient(int status) {
        return status == 429 || status >= 500;
    }

    private static String reason(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error " + status : known.getReasonPhrase();
    }
}
