package io.crmbridge.token.refresh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.MsalThrottlingException;
import io.crmbridge.token.connection.AuthKind;
import io.crmbridge.token.connection.ClientCredential;
import io.crmbridge.token.connection.Connection;

/**
 * Why a token could not be obtained, decided in this one place (shared/reference/identity.md §2, §4.5):
 * <ul>
 *   <li>reconnect required: {@code invalid_grant} (AADSTS700082, 70008, 50173, 70043, 65001, AD FS MSIS9615 with
 *       401...), {@code interaction_required}, {@code consent_required}, no account in the cache;</li>
 *   <li>configuration: {@code invalid_client} (AADSTS7000222 expired secret, 7000215), {@code unauthorized_client},
 *       {@code invalid_resource}, {@code invalid_scope}, {@code invalid_request}, unreadable credential, untrusted
 *       TLS certificate, any other 4xx;</li>
 *   <li>transient: HTTP 5xx and 429, {@code temporarily_unavailable}, {@code server_error}, the AADSTS retryable
 *       codes, MSAL's throttling, timeouts and network errors, anything unexpected.</li>
 * </ul>
 * MSAL exposes only the OAuth {@code error} and the description text, so the AADSTS/MSIS code comes from the text.
 *
 * @param reasonCode the AADSTS/MSIS code when there is one, else the OAuth error, HTTP status or network cause
 * @param message    the provider's description without trace ids; never a token or secret
 * @param retryAfter how long the provider asked us to wait, if it did
 */
public record RefreshFailure(Kind kind, String reasonCode, String message, Optional<Duration> retryAfter) {

    private static final Pattern CODE = Pattern.compile("\\b(AADSTS\\d+|MSIS\\d+)\\b");
    // An empty error body gives "Unknown Service Exception. Service returned status code 503" and no statusCode().
    private static final Pattern STATUS_IN_TEXT = Pattern.compile("status code (\\d{3})");
    private static final Set<String> RECONNECT_ERRORS = Set.of("invalid_grant", "interaction_required",
            "consent_required", "login_required");
    private static final Set<String> CONFIGURATION_ERRORS = Set.of("invalid_client", "unauthorized_client",
            "invalid_resource", "invalid_scope", "invalid_request", "unsupported_grant_type",
            "invalid_instance", "invalid_instance_discovery_metadata");
    private static final Set<String> TRANSIENT_ERRORS = Set.of("temporarily_unavailable", "server_error",
            "http_timeout", "throttled_request");
    private static final Set<String> TRANSIENT_CODES = Set.of("AADSTS50033", "AADSTS90024", "AADSTS90006",
            "AADSTS90033", "AADSTS90090", "AADSTS50087", "AADSTS50196");
    private static final int MAX_MESSAGE = 300;

    public enum Kind {
        /** A person must sign in again; retrying cannot help. */
        RECONNECT_REQUIRED,
        /** The connection's configuration or app registration must be fixed; retrying cannot help. */
        CONFIGURATION,
        /** Worth retrying with backoff. */
        TRANSIENT;

        public boolean needsPerson() {
            return this != TRANSIENT;
        }
    }

    /** Classifies whatever an attempt threw. */
    public static RefreshFailure of(Throwable thrown) {
        Throwable failure = unwrap(thrown);
        if (failure instanceof MsalThrottlingException throttled) {
            return new RefreshFailure(Kind.TRANSIENT, "throttled", "MSAL is holding back requests after a 429/5xx",
                    Optional.of(Duration.ofMillis(Math.max(0, throttled.retryInMs()))));
        }
        if (failure instanceof MsalServiceException service) {
            return ofService(service);
        }
        if (failure instanceof TokenIssuer.CredentialUnavailable unavailable) {
            return new RefreshFailure(Kind.CONFIGURATION, "credential_unavailable", clean(unavailable.getMessage()),
                    Optional.empty());
        }
        Optional<RefreshFailure> network = ofNetwork(failure);
        if (network.isPresent()) {
            return network.get();
        }
        if (failure instanceof MsalClientException client) {
            return ofClient(client);
        }
        return new RefreshFailure(Kind.TRANSIENT, failure.getClass().getSimpleName(), clean(failure.getMessage()),
                Optional.empty());
    }

    private static RefreshFailure ofService(MsalServiceException e) {
        String error = e.errorCode() == null ? "unknown" : e.errorCode().toLowerCase(Locale.ROOT);
        Integer status = status(e);
        Optional<String> code = code(e.getMessage());
        String reason = code.orElse(!"unknown".equals(error) ? error : status != null ? "HTTP_" + status : error);
        String message = clean(e.getMessage());
        Optional<Duration> retryAfter = retryAfter(e);
        if (code.isPresent() && TRANSIENT_CODES.contains(code.get()) || TRANSIENT_ERRORS.contains(error)
                || status != null && (status == 429 || status >= 500)) {
            return new RefreshFailure(Kind.TRANSIENT, reason, message, retryAfter);
        }
        if (RECONNECT_ERRORS.contains(error)) {
            return new RefreshFailure(Kind.RECONNECT_REQUIRED, reason, message, Optional.empty());
        }
        if (CONFIGURATION_ERRORS.contains(error) || status != null && status >= 400) {
            return new RefreshFailure(Kind.CONFIGURATION, reason, message, Optional.empty());
        }
        return new RefreshFailure(Kind.TRANSIENT, reason, message, retryAfter);
    }

    private static RefreshFailure ofClient(MsalClientException e) {
        String error = e.errorCode() == null ? "msal_client" : e.errorCode();
        if ("cache_miss".equals(error)) {
            return new RefreshFailure(Kind.RECONNECT_REQUIRED, "no_refresh_token",
                    "no signed-in account or refresh token is held for this connection", Optional.empty());
        }
        if (TRANSIENT_ERRORS.contains(error)) {
            return new RefreshFailure(Kind.TRANSIENT, error, clean(e.getMessage()), Optional.empty());
        }
        return new RefreshFailure(Kind.CONFIGURATION, error, clean(e.getMessage()), Optional.empty());
    }

    private static Optional<RefreshFailure> ofNetwork(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException handshake && String.valueOf(handshake.getMessage()).contains("PKIX")) {
                return Optional.of(new RefreshFailure(Kind.CONFIGURATION, "tls_untrusted",
                        "the identity provider's TLS certificate is not trusted (check the trust store)",
                        Optional.empty()));
            }
            if (t instanceof java.net.SocketTimeoutException || t instanceof TimeoutException
                    || t instanceof java.net.http.HttpTimeoutException) {
                return Optional.of(new RefreshFailure(Kind.TRANSIENT, "timeout", clean(describe(t)),
                        Optional.empty()));
            }
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return Optional.of(new RefreshFailure(Kind.TRANSIENT, "network", clean(describe(t)),
                        Optional.empty()));
            }
        }
        return Optional.empty();
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable t = thrown;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static Integer status(MsalServiceException e) {
        if (e.statusCode() != null || e.getMessage() == null) {
            return e.statusCode();
        }
        Matcher matcher = STATUS_IN_TEXT.matcher(e.getMessage());
        return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
    }

    private static Optional<String> code(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher matcher = CODE.matcher(message);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static Optional<Duration> retryAfter(MsalServiceException e) {
        if (e.headers() == null) {
            return Optional.empty();
        }
        return e.headers().entrySet().stream()
                .filter(h -> h.getKey() != null && h.getKey().equalsIgnoreCase("Retry-After"))
                .flatMap(h -> h.getValue().stream()).findFirst().flatMap(RefreshFailure::seconds);
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String describe(ClientCredential credential) {
        return credential instanceof ClientCredential.Secret secret ? "the client secret (" + secret.secret() + ")"
                : "the certificate (" + ((ClientCredential.Certificate) credential).pkcs12() + ")";
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** The first line of a description: drops "Trace ID", "Correlation ID" and "Timestamp", whatever separates them. */
    static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "no description";
        }
        String text = message.strip();
        int end = text.length();
        for (String marker : new String[] {"\r", "\n", " Trace ID:", " Correlation ID:", " Timestamp:"}) {
            int at = text.indexOf(marker);
            if (at > 0) {
                end = Math.min(end, at);
            }
        }
        text = text.substring(0, end).strip();
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text;
    }

    public boolean needsPerson() {
        return kind.needsPerson();
    }

    /** What a person must do about this failure of {@code connection}; empty when waiting is enough. */
    public Optional<String> actionRequired(Connection connection, String reconnectUrl) {
        return switch (kind) {
            case TRANSIENT -> Optional.empty();
            case RECONNECT_REQUIRED -> Optional.of(connection.authKind() == AuthKind.DEVICE_CODE
                    ? "Sign in again with the device code flow (Reconnect at " + reconnectUrl + ") as a user with "
                            + "access to " + connection.orgUrl()
                    : "Sign in again at " + reconnectUrl + " as a user with access to " + connection.orgUrl());
            case CONFIGURATION -> Optional.of(configurationAction(connection));
        };
    }

    private String configurationAction(Connection connection) {
        String credential = connection.credential().map(RefreshFailure::describe).orElse("the client credential");
        String app = "app " + connection.clientId();
        return switch (reasonCode) {
            case "AADSTS7000222" -> "The client secret of " + app + " has expired: create a new secret in the app "
                    + "registration, update " + credential + " and press Reconnect";
            case "credential_unavailable" -> "Provide " + credential + " to the token-service, then press Reconnect";
            case "tls_untrusted" -> "Add the identity provider's CA to the token-service trust store";
            default -> "Fix the connection's configuration or the registration of " + app + " (" + reasonCode
                    + ": check " + credential + ", the authority, scopes and org URL), then press Reconnect";
        };
    }
}
