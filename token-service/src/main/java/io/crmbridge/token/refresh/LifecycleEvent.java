package io.crmbridge.token.refresh;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.crmbridge.token.connection.Connection;
import io.crmbridge.token.connection.ConnectionState;

/**
 * Something that happened to a connection's credentials, as alerting and the other services learn it (published
 * as a {@code ConnectionEvent}). Never holds a token, secret or code.
 */
public record LifecycleEvent(Type type, Connection connection, ConnectionState state,
                             Optional<ConnectionState> previousState, Instant at, Details details) {

    public LifecycleEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(previousState, "previousState");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(details, "details");
    }

    public enum Type {
        CONNECTED, TOKEN_REFRESHED, REFRESH_FAILED, TOKEN_EXPIRED, RECONNECTED, CREDENTIAL_EXPIRING, DISCONNECTED
    }

    /**
     * The optional parts of an event.
     *
     * @param accessTokenExpiresAt until when the current access token stays valid (the deadline of a DEGRADED one)
     * @param reconnectUrl         where a person signs in again (interactive kinds, when needed)
     * @param credentialExpiresAt  for CREDENTIAL_EXPIRING
     * @param nextRetryAt          for REFRESH_FAILED
     * @param episodeId            the outage the event belongs to
     */
    public record Details(Optional<String> reasonCode, Optional<String> message, Optional<Instant> accessTokenExpiresAt,
                          Optional<String> actionRequired, Optional<String> reconnectUrl,
                          Optional<Instant> credentialExpiresAt, Optional<Instant> nextRetryAt,
                          Optional<String> episodeId) {

        public static Details none() {
            return new Details(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        public Details withReason(String code, String text) {
            return new Details(Optional.ofNullable(code), Optional.ofNullable(text), accessTokenExpiresAt,
                    actionRequired, reconnectUrl, credentialExpiresAt, nextRetryAt, episodeId);
        }

        public Details withAccessTokenExpiresAt(Optional<Instant> value) {
            return new Details(reasonCode, message, value, actionRequired, reconnectUrl, credentialExpiresAt,
                    nextRetryAt, episodeId);
        }

        public Details withAction(Optional<String> action, Optional<String> url) {
            return new Details(reasonCode, message, accessTokenExpiresAt, action, url, credentialExpiresAt,
                    nextRetryAt, episodeId);
        }

        public Details withCredentialExpiresAt(Instant value) {
            return new Details(reasonCode, message, accessTokenExpiresAt, actionRequired, reconnectUrl,
                    Optional.of(value), nextRetryAt, episodeId);
        }

        public Details withNextRetryAt(Instant value) {
            return new Details(reasonCode, message, accessTokenExpiresAt, actionRequired, reconnectUrl,
                    credentialExpiresAt, Optional.of(value), episodeId);
        }

        public Details withEpisode(Optional<String> value) {
            return new Details(reasonCode, message, accessTokenExpiresAt, actionRequired, reconnectUrl,
                    credentialExpiresAt, nextRetryAt, value);
        }
    }
}
