package io.crmbridge.token.refresh;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.crmbridge.token.connection.AuthKind;
import io.crmbridge.token.connection.Connection;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.token.connection.ConnectionState;
import io.crmbridge.token.refresh.LifecycleEvent.Details;
import io.crmbridge.token.refresh.LifecycleEvent.Type;
import io.crmbridge.token.vault.VaultState.LastError;
import io.crmbridge.token.vault.VaultState;

/**
 * The state machine of a connection (PENDING_CONSENT → ACTIVE ⇄ DEGRADED → EXPIRED → ACTIVE, DISABLED) and the
 * events each transition publishes. Pure: given the state, what happened and the time, it decides.
 */
final class Transitions {

    private static final String REFRESH_TOKEN_WARNING = "refresh-token";

    private final RefreshSettings settings;
    private final Random random;
    private final Function<ConnectionId, String> reconnectUrls;

    Transitions(RefreshSettings settings, Random random, Function<ConnectionId, String> reconnectUrls) {
        this.settings = settings;
        this.random = random;
        this.reconnectUrls = reconnectUrls;
    }

    /** A token was issued: ACTIVE, a new grant, and CONNECTED / RECONNECTED / TOKEN_REFRESHED. */
    Decision issued(Connection c, VaultState s, IssuedToken token, boolean signIn, Instant now) {
        ConnectionState previous = s.state();
        Type type = previous == ConnectionState.EXPIRED ? Type.RECONNECTED
                : previous == ConnectionState.PENDING_CONSENT || signIn ? Type.CONNECTED : Type.TOKEN_REFRESHED;
        long generation = s.generation() + 1;
        Optional<Instant> refreshTokenUsed = c.authKind().usesRefreshToken() ? Optional.of(now) : Optional.empty();
        Set<String> warnings = new HashSet<>(s.warnings());
        warnings.removeIf(w -> w.startsWith(REFRESH_TOKEN_WARNING));
        VaultState next = s.withState(ConnectionState.ACTIVE).withGrant(generation, token.expiresAt())
                .withRefreshTokenUsedAt(refreshTokenUsed).recovered().withWarnings(warnings).savedAt(now);
        Details details = Details.none().withAccessTokenExpiresAt(Optional.of(token.expiresAt()))
                .withEpisode(s.episodeId()).withReason(null, issuedMessage(type, token, s));
        LifecycleEvent event = new LifecycleEvent(type, c, ConnectionState.ACTIVE, Optional.of(previous), now, details);
        Grant grant = new Grant(c.id(), c.orgUrl(), generation, token, now);
        return Decision.issued(next, event, grant, nextRefresh(c, next, now));
    }

    /** An attempt failed: classified, it degrades, expires or only waits for the next retry. */
    Decision failed(Connection c, VaultState s, RefreshFailure failure, int failures, Instant now) {
        LastError error = new LastError(failure.reasonCode(), failure.message(), failure.needsPerson(), now);
        Optional<Instant> valid = s.accessTokenExpiresAt().filter(now::isBefore);
        if (failure.needsPerson()) {
            return needsPerson(c, s, failure, error, valid, now);
        }
        int count = failures + 1;
        Duration delay = settings.backoff(count);
        if (failure.retryAfter().isPresent() && failure.retryAfter().get().compareTo(delay) > 0) {
            delay = failure.retryAfter().get();
        }
        Instant retryAt = now.plus(delay);
        if (valid.isPresent() && s.state() == ConnectionState.ACTIVE) {
            String episode = s.episodeId().orElseGet(Transitions::newEpisode);
            VaultState next = s.withState(ConnectionState.DEGRADED).inEpisode(episode).failedWith(error).savedAt(now);
            Details details = reason(failure).withAccessTokenExpiresAt(valid).withNextRetryAt(retryAt)
                    .withEpisode(Optional.of(episode));
            return decided(next, event(Type.REFRESH_FAILED, c, s, next, details, now), retryAt, count);
        }
        if (valid.isEmpty() && s.state().issuing()) {
            return expiredBy(c, s, error, failure, now, retryAt, count);
        }
        return Decision.retrying(s.failedWith(error).savedAt(now), List.of(), retryAt, count);
    }

    /** A DEGRADED connection whose access token ran out before a refresh succeeded. */
    Decision outlived(Connection c, VaultState s, Optional<Instant> retryAt, int failures, Instant now) {
        LastError error = s.lastError().orElse(new LastError("refresh_failing", "refreshes kept failing", false, now));
        RefreshFailure failure = new RefreshFailure(RefreshFailure.Kind.TRANSIENT, error.reasonCode(), error.message(),
                Optional.empty());
        return expiredBy(c, s, error, failure, now, retryAt.orElse(now), failures);
    }

    Decision disabled(Connection c, VaultState s, Instant now) {
        VaultState next = s.withState(ConnectionState.DISABLED).savedAt(now);
        Details details = Details.none().withReason("disabled", "Disabled by an operator: no tokens are issued");
        return Decision.disabled(next, event(Type.DISCONNECTED, c, s, next, details, now));
    }

    Decision removed(Connection c, VaultState s, Instant now) {
        VaultState gone = s.withState(ConnectionState.DISABLED).savedAt(now);
        Details details = Details.none().withReason("removed", "Removed by an operator: no tokens are issued");
        return Decision.forgotten(event(Type.DISCONNECTED, c, s, gone, details, now));
    }

    /** CREDENTIAL_EXPIRING for a secret, certificate or refresh token expiring within the warning window, once each. */
    Decision withWarnings(Decision decision, Connection c, Optional<TokenIssuer.CredentialExpiry> credential,
                          Instant now) {
        if (decision.next().isEmpty()) {
            return decision;
        }
        VaultState s = decision.next().get();
        Set<String> warnings = new HashSet<>(s.warnings());
        List<LifecycleEvent> events = new ArrayList<>();
        Instant horizon = now.plus(settings.credentialWarning());
        credential.filter(e -> e.at().isBefore(horizon)).ifPresent(e -> {
            if (warnings.add(e.what() + "@" + e.at())) {
                events.add(expiring(c, s, e.what(), e.at(), "Create a new " + e.what() + " for app " + c.clientId()
                        + ", update the connection's reference to it and press Reconnect before " + e.at(), now));
            }
        });
        refreshTokenExpiry(c, s).filter(at -> at.isBefore(horizon)).ifPresent(at -> {
            if (warnings.add(REFRESH_TOKEN_WARNING)) {
                events.add(expiring(c, s, "refresh token", at, "Sign in again at " + reconnectUrls.apply(c.id())
                        + " before " + at + " unless the connection recovers", now));
            }
        });
        if (events.isEmpty()) {
            return decision;
        }
        return decision.plus(events, s.withWarnings(warnings).savedAt(now));
    }

    /** When to refresh a connection holding {@code s}: ahead of expiry with jitter, and to keep the refresh token alive. */
    Instant nextRefresh(Connection c, VaultState s, Instant now) {
        Instant expiry = s.accessTokenExpiresAt().orElse(now);
        long jitterMillis = settings.jitter().toMillis() <= 0 ? 0 : (long) (random.nextDouble() * settings.jitter().toMillis());
        Instant due = expiry.minus(settings.margin()).minusMillis(jitterMillis);
        if (c.authKind().usesRefreshToken() && s.refreshTokenUsedAt().isPresent()) {
            Instant keepAlive = s.refreshTokenUsedAt().get().plus(settings.keepAlive());
            due = keepAlive.isBefore(due) ? keepAlive : due;
        }
        Instant earliest = now.plus(settings.minInterval());
        return due.isBefore(earliest) ? earliest : due;
    }

    private Decision needsPerson(Connection c, VaultState s, RefreshFailure failure, LastError error,
                                 Optional<Instant> valid, Instant now) {
        if (s.state() == ConnectionState.EXPIRED) {
            return Decision.waitingForPerson(s.failedWith(error).savedAt(now), List.of());
        }
        String episode = s.episodeId().orElseGet(Transitions::newEpisode);
        VaultState next = s.withState(ConnectionState.EXPIRED).inEpisode(episode).failedWith(error).savedAt(now);
        String url = reconnectUrls.apply(c.id());
        Details details = reason(failure).withAccessTokenExpiresAt(valid)
                .withAction(failure.actionRequired(c, url), c.authKind().interactive() ? Optional.of(url)
                        : Optional.empty())
                .withEpisode(Optional.of(episode));
        return Decision.waitingForPerson(next, List.of(event(Type.TOKEN_EXPIRED, c, s, next, details, now)));
    }

    private Decision expiredBy(Connection c, VaultState s, LastError error, RefreshFailure failure, Instant now,
                               Instant retryAt, int failures) {
        String episode = s.episodeId().orElseGet(Transitions::newEpisode);
        VaultState next = s.withState(ConnectionState.EXPIRED).inEpisode(episode).failedWith(error).savedAt(now);
        String action = "None if " + c.authority() + " recovers: the token-service keeps retrying. If it does not, "
                + "check the network path from the token-service to it";
        Details details = reason(failure).withAction(Optional.of(action), Optional.empty()).withNextRetryAt(retryAt)
                .withEpisode(Optional.of(episode));
        return decided(next, event(Type.TOKEN_EXPIRED, c, s, next, details, now), retryAt, failures);
    }

    private LifecycleEvent expiring(Connection c, VaultState s, String what, Instant at, String action, Instant now) {
        Details details = Details.none().withReason("credential_expiring", "The " + what + " of connection "
                        + c.id() + " expires at " + at).withCredentialExpiresAt(at)
                .withAction(Optional.of(action), c.authKind().interactive() && what.equals("refresh token")
                        ? Optional.of(reconnectUrls.apply(c.id())) : Optional.empty())
                .withAccessTokenExpiresAt(s.accessTokenExpiresAt());
        return new LifecycleEvent(Type.CREDENTIAL_EXPIRING, c, s.state(), Optional.of(s.state()), now, details);
    }

    private Optional<Instant> refreshTokenExpiry(Connection c, VaultState s) {
        if (c.authKind() == AuthKind.CLIENT_CREDENTIALS) {
            return Optional.empty();
        }
        return s.refreshTokenUsedAt().map(used -> used.plus(settings.refreshTokenInactivity()));
    }

    private static Decision decided(VaultState next, LifecycleEvent event, Instant retryAt, int failures) {
        return Decision.retrying(next, List.of(event), retryAt, failures);
    }

    private static LifecycleEvent event(Type type, Connection c, VaultState before, VaultState after, Details details,
                                        Instant now) {
        return new LifecycleEvent(type, c, after.state(), Optional.of(before.state()), now, details);
    }

    private static Details reason(RefreshFailure failure) {
        return Details.none().withReason(failure.reasonCode(), failure.message());
    }

    private static String issuedMessage(Type type, IssuedToken token, VaultState before) {
        String as = token.account().map(a -> " as " + a).orElse("");
        return switch (type) {
            case CONNECTED -> "Connected" + as;
            case RECONNECTED -> "Reconnected" + as + before.lastError().map(e -> " after " + e.reasonCode()).orElse("");
            default -> "Access token refreshed";
        };
    }

    private static String newEpisode() {
        return UUID.randomUUID().toString();
    }
}
