package io.crmbridge.token.oauth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.DeviceCode;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import io.crmbridge.token.connection.AuthKind;
import io.crmbridge.token.connection.Connection;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.token.connection.Connections;
import io.crmbridge.token.refresh.IssuedToken;
import io.crmbridge.token.refresh.RefreshFailure;
import io.crmbridge.token.vault.Handover;
import io.crmbridge.token.vault.Handovers;
import io.crmbridge.token.vault.TokenCacheSlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person connects or reconnects a delegated connection (use case): in a browser (authorization code + PKCE,
 * redirect to the authority, {@code /oauth/callback}) or from a terminal (device code). The tokens a sign-in
 * yields are handed over to the connection's owner, which publishes CONNECTED / RECONNECTED and the grant. An
 * app-only connection "reconnects" by asking its owner to try again after a configuration fix.
 */
public final class SigningIn {

    private static final Logger log = LoggerFactory.getLogger(SigningIn.class);
    private static final Duration DEVICE_CODE_WAIT = Duration.ofSeconds(30);

    private final Connections connections;
    private final Authorities authorities;
    private final SignInStates states;
    private final Handovers handovers;
    private final OAuthSettings settings;
    private final Clock clock;

    SigningIn(Connections connections, Authorities authorities, SignInStates states, Handovers handovers,
              OAuthSettings settings, Clock clock) {
        this.connections = connections;
        this.authorities = authorities;
        this.states = states;
        this.handovers = handovers;
        this.settings = settings;
        this.clock = clock;
    }

    /** Where to send the browser to sign in for {@code id}, and the binding to keep in a cookie. */
    public Redirect start(ConnectionId id) {
        Connection connection = browserSignIn(id);
        PkceChallenge pkce = PkceChallenge.generate();
        SignInStates.Issued issued = states.issue(id, pkce);
        return new Redirect(AuthorizeUrls.of(connection, settings.redirectUri(), issued.state(), pkce),
                issued.binding());
    }

    /** Redeems the code of a callback and hands the tokens to the owner; returns who signed in. */
    public SignedIn complete(String code, String state, String binding) {
        SignInStates.Accepted accepted = states.accept(state, binding);
        Connection connection = browserSignIn(accepted.connection());
        TokenCacheSlot cache = new TokenCacheSlot(Optional.empty());
        IAuthenticationResult result = redeem(connection, cache, code, accepted.verifier());
        return handOver(connection, cache, MsalTokens.issued(result));
    }

    /**
     * Starts a device-code sign-in for {@code id}: returns what the person must enter where, while the service
     * waits for them in the background and hands the tokens over when they are done.
     */
    public DeviceSignIn startDeviceCode(ConnectionId id) {
        Connection connection = connection(id);
        if (connection.authKind() != AuthKind.DEVICE_CODE) {
            throw new Unavailable("connection " + id + " does not sign in with a device code");
        }
        TokenCacheSlot cache = new TokenCacheSlot(Optional.empty());
        CompletableFuture<DeviceCode> shown = new CompletableFuture<>();
        authorities.publicClient(connection, cache).acquireToken(DeviceCodeFlowParameters
                        .builder(Set.copyOf(connection.scopes()), shown::complete).build())
                .whenComplete((result, failure) -> deviceCodeDone(connection, cache, result, failure, shown));
        try {
            DeviceCode code = shown.get(DEVICE_CODE_WAIT.toSeconds(), TimeUnit.SECONDS);
            return new DeviceSignIn(code.userCode(), code.verificationUri(), code.message(),
                    clock.instant().plusSeconds(code.expiresIn()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while starting the device code sign-in");
        } catch (ExecutionException | TimeoutException e) {
            throw new Unavailable("the identity provider did not start a device code sign-in: "
                    + RefreshFailure.of(e).message());
        }
    }

    /** An app-only connection after a configuration fix: ask its owner to try again now. */
    public void retry(ConnectionId id) {
        connection(id);
        handovers.handOver(Handover.retry(id, clock.instant()));
    }

    private void deviceCodeDone(Connection connection, TokenCacheSlot cache, IAuthenticationResult result,
                                Throwable failure, CompletableFuture<DeviceCode> shown) {
        if (failure != null) {
            shown.completeExceptionally(failure);
            RefreshFailure why = RefreshFailure.of(failure);
            log.warn("device code sign-in for {} ended without tokens: {} {}", connection.id(), why.reasonCode(),
                    why.message());
            return;
        }
        handOver(connection, cache, MsalTokens.issued(result));
    }

    private SignedIn handOver(Connection connection, TokenCacheSlot cache, IssuedToken token) {
        String cached = cache.serialized().orElseThrow(() -> new IllegalStateException("MSAL cached nothing"));
        handovers.handOver(new Handover(connection.id(), Optional.of(cached), token.account(), clock.instant()));
        log.info("signed in to {}{}; tokens handed to its owner", connection.id(),
                token.account().map(a -> " as " + a).orElse(""));
        return new SignedIn(connection.id(), token.account());
    }

    private IAuthenticationResult redeem(Connection connection, TokenCacheSlot cache, String code, String verifier) {
        try {
            return authorities.application(connection, cache).acquireToken(AuthorizationCodeParameters
                    .builder(code, settings.redirectUri()).scopes(Set.copyOf(connection.scopes()))
                    .codeVerifier(verifier).build()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while redeeming the authorization code");
        } catch (ExecutionException | RuntimeException e) {
            RefreshFailure failure = RefreshFailure.of(e);
            throw new Unavailable("the identity provider refused the sign-in: " + failure.reasonCode() + " "
                    + failure.message());
        }
    }

    private Connection browserSignIn(ConnectionId id) {
        Connection connection = connection(id);
        if (connection.authKind() != AuthKind.AUTHORIZATION_CODE
                && connection.authKind() != AuthKind.AUTHORIZATION_CODE_CONFIDENTIAL) {
            throw new Unavailable("connection " + id + " (" + connection.authKind() + ") does not sign in in a browser");
        }
        return connection;
    }

    private Connection connection(ConnectionId id) {
        Connection connection = connections.find(id).orElseThrow(() -> new Unavailable("no connection " + id));
        if (!connection.enabled()) {
            throw new Unavailable("connection " + id + " is disabled");
        }
        return connection;
    }

    public record Redirect(URI authorizationUrl, String binding) {
    }

    public record SignedIn(ConnectionId connection, Optional<String> account) {
    }

    public record DeviceSignIn(String userCode, String verificationUri, String message, Instant expiresAt) {
    }

    /** A sign-in that cannot go ahead; the message is safe to show. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }
}
