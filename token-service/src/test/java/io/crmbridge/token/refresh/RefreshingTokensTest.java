package io.crmbridge.token.refresh;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

import com.microsoft.aad.msal4j.MsalResponses;
import io.crmbridge.token.connection.Connection;
import io.crmbridge.token.connection.ConnectionFixtures;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.token.connection.ConnectionState;
import io.crmbridge.token.connection.InMemoryConnections;
import io.crmbridge.token.fixtures.MutableClock;
import io.crmbridge.token.refresh.LifecycleEvent.Type;
import io.crmbridge.token.vault.Handover;
import io.crmbridge.token.vault.VaultKey;
import io.crmbridge.token.vault.VaultState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshingTokensTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final String RECONNECT = "https://tokens.example/connections/";

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryConnections connections = new InMemoryConnections();
    private final FakeIssuer issuer = new FakeIssuer();
    private final RecordedUpdates updates = new RecordedUpdates();
    private final RefreshingTokens tokens = RefreshingTokens.over(connections, issuer, updates)
            .settings(RefreshSettings.defaults()).clock(clock).executor(Runnable::run).shards(id -> 0)
            .reconnectUrls(id -> RECONNECT + id + "/connect").outcomes(RefreshOutcomes.NONE).random(new Random(7))
            .build();

    {
        connections.subscribe(tokens);
    }

    private Connection clientCredentials() {
        Connection c = ConnectionFixtures.clientCredentials("contoso");
        connections.save(c);
        return c;
    }

    private Connection signedIn(ConnectionState state, Instant tokenExpiry, long generation) {
        Connection c = ConnectionFixtures.delegated("fabrikam");
        connections.save(c);
        tokens.adopt(0, List.of(new VaultState(c.id(), state, Optional.of("{\"cache\":1}"), generation,
                Optional.of(tokenExpiry), Optional.of(START), Optional.empty(), Optional.empty(), Set.of(), START)),
                List.of());
        return c;
    }

    private static Exception status(int status, String error, String description) {
        return MsalResponses.exceptionFor(status, "{\"error\":\"" + error + "\",\"error_description\":\""
                + description + "\"}");
    }

    @Test
    void clientCredentialsConnectionConnectsWhenItsShardIsAdoptedAndPublishesGenerationOne() {
        issuer.answers(issuer.token(START.plus(Duration.ofHours(1))));
        Connection c = clientCredentials();

        tokens.adopt(0, List.of(), List.of());

        assertThat(updates.eventTypes()).containsExactly(Type.CONNECTED);
        assertThat(updates.grants()).singleElement().satisfies(g -> {
            assertThat(g.generation()).isEqualTo(1);
            assertThat(g.orgUrl()).isEqualTo(c.orgUrl());
        });
        assertThat(updates.last().state()).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(ConnectionState.ACTIVE));
        assertThat(tokens.status(c.id()).orElseThrow().state()).isEqualTo(ConnectionState.ACTIVE);
    }

    @Test
    void refreshesWithinMarginAndJitterBeforeExpiryAndNotEarlier() {
        Instant expiry = START.plus(Duration.ofHours(1));
        issuer.answers(issuer.token(expiry), issuer.token(expiry.plus(Duration.ofHours(1))));
        clientCredentials();
        tokens.adopt(0, List.of(), List.of());

        clock.advance(Duration.ofMinutes(52));
        tokens.tick();
        assertThat(issuer.calls).hasSize(1);

        clock.advance(Duration.ofMinutes(3));
        tokens.tick();
        assertThat(issuer.calls).containsExactly(true, true);
        assertThat(updates.eventTypes()).containsExactly(Type.CONNECTED, Type.TOKEN_REFRESHED);
        assertThat(updates.grants()).extracting(Grant::generation).containsExactly(1L, 2L);
    }

    @Test
    void usesTheRefreshTokenBeforeItsInactivityWindowEvenWhenAccessTokensLiveLong() {
        RefreshSettings keepAliveHourly = new RefreshSettings(Duration.ofMinutes(5), Duration.ZERO,
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofHours(24),
                Duration.ofHours(1), Duration.ofDays(30));
        RefreshingTokens keeping = RefreshingTokens.over(connections, issuer, updates).settings(keepAliveHourly)
                .clock(clock).executor(Runnable::run).shards(id -> 0).reconnectUrls(id -> RECONNECT)
                .outcomes(RefreshOutcomes.NONE).random(new Random(3)).build();
        Connection c = ConnectionFixtures.delegated("fabrikam");
        connections.save(c);
        keeping.adopt(0, List.of(new VaultState(c.id(), ConnectionState.ACTIVE, Optional.of("{}"), 1,
                Optional.of(START.plus(Duration.ofHours(28))), Optional.of(START), Optional.empty(), Optional.empty(),
                Set.of(), START)), List.of());
        issuer.answers(issuer.token(START.plus(Duration.ofHours(29))));

        clock.advance(Duration.ofMinutes(59));
        keeping.tick();
        assertThat(issuer.calls).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        keeping.tick();
        assertThat(issuer.calls).containsExactly(true);
    }

    @Test
    void warnsOnceWhenTheRefreshTokenNearsItsInactivityWindow() {
        RefreshSettings shortWindow = new RefreshSettings(Duration.ofMinutes(5), Duration.ZERO,
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofDays(90),
                Duration.ofDays(7), Duration.ofDays(30));
        RefreshingTokens warning = RefreshingTokens.over(connections, issuer, updates).settings(shortWindow)
                .clock(clock).executor(Runnable::run).shards(id -> 0).reconnectUrls(id -> RECONNECT + id + "/connect")
                .outcomes(RefreshOutcomes.NONE).random(new Random(3)).build();
        Connection c = ConnectionFixtures.delegated("fabrikam");
        connections.save(c);
        Instant lastUse = START.minus(Duration.ofDays(70));
        issuer.answers(status(503, "server_error", "down"), status(503, "server_error", "down"));
        warning.adopt(0, List.of(new VaultState(c.id(), ConnectionState.DEGRADED, Optional.of("{}"), 1,
                Optional.of(START.plus(Duration.ofHours(1))), Optional.of(lastUse), Optional.empty(), Optional.empty(),
                Set.of(), START)), List.of());
        clock.advance(Duration.ofSeconds(6));
        warning.tick();

        assertThat(issuer.calls).hasSize(2);
        assertThat(updates.eventTypes()).containsExactly(Type.CREDENTIAL_EXPIRING);
        LifecycleEvent expiring = updates.events(Type.CREDENTIAL_EXPIRING).get(0);
        assertThat(expiring.details().credentialExpiresAt()).contains(lastUse.plus(Duration.ofDays(90)));
        assertThat(expiring.details().reconnectUrl()).contains(RECONNECT + "fabrikam/connect");
    }

    @Test
    void aStormOfRejectionReportsForOneGenerationCausesOneRefresh() {
        Connection c = signedIn(ConnectionState.ACTIVE, START.plus(Duration.ofHours(1)), 4);
        issuer.answers(issuer.token(START.plus(Duration.ofHours(1))), issuer.token(START.plus(Duration.ofHours(1))));

        for (int i = 0; i < 100; i++) {
            tokens.tokenRequested(c.id(), OptionalLong.of(4));
        }
        tokens.tokenRequested(c.id(), OptionalLong.of(3));
        tokens.tokenRequested(c.id(), OptionalLong.of(4));

        assertThat(issuer.calls).containsExactly(true);
        assertThat(updates.grants()).extracting(Grant::generation).containsExactly(5L);

        tokens.tokenRequested(c.id(), OptionalLong.of(5));
        assertThat(updates.grants()).extracting(Grant::generation).containsExactly(5L, 6L);
    }

    @Test
    void restoredActiveConnectionCarriesOnWithoutReconnectOrNewGrant() {
        Connection c = signedIn(ConnectionState.ACTIVE, START.plus(Duration.ofMinutes(50)), 7);

        assertThat(issuer.calls).isEmpty();
        assertThat(updates.updates).isEmpty();
        assertThat(tokens.status(c.id()).orElseThrow().generation()).isEqualTo(7);

        issuer.answers(issuer.token(START.plus(Duration.ofHours(2))));
        clock.advance(Duration.ofMinutes(46));
        tokens.tick();
        assertThat(updates.eventTypes()).containsExactly(Type.TOKEN_REFRESHED);
        assertThat(updates.grants()).extracting(Grant::generation).containsExactly(8L);
    }

    @Test
    void transientFailuresWhileTheTokenIsValidDegradeOnceBackOffAndRecover() {
        Connection c = signedIn(ConnectionState.ACTIVE, START.plus(Duration.ofMinutes(30)), 1);
        issuer.answers(status(503, "server_error", "down"), status(503, "server_error", "down"),
                status(503, "server_error", "down"), issuer.token(START.plus(Duration.ofHours(1))));

        tokens.tokenRequested(c.id(), OptionalLong.of(1));
        assertThat(tokens.status(c.id()).orElseThrow().state()).isEqualTo(ConnectionState.DEGRADED);
        LifecycleEvent failed = updates.events(Type.REFRESH_FAILED).get(0);
        assertThat(failed.details().nextRetryAt()).contains(START.plusSeconds(5));
        assertThat(failed.details().accessTokenExpiresAt()).contains(START.plus(Duration.ofMinutes(30)));

        clock.advance(Duration.ofSeconds(4));
        tokens.tick();
        assertThat(issuer.calls).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        tokens.tick();
        clock.advance(Duration.ofSeconds(10));
        tokens.tick();
        assertThat(issuer.calls).hasSize(3);
        clock.advance(Duration.ofSeconds(20));
        tokens.tick();

        assertThat(updates.eventTypes()).containsExactly(Type.REFRESH_FAILED, Type.TOKEN_REFRESHED);
        assertThat(updates.events(Type.TOKEN_REFRESHED).get(0).details().episodeId())
                .isEqualTo(failed.details().episodeId());
        assertThat(tokens.status(c.id()).orElseThrow().state()).isEqualTo(ConnectionState.ACTIVE);
    }

    @Test
    void anOutageOutlivingTheAccessTokenExpiresItOnceAndRecoveryReconnects() {
        issuer.answers(status(503, "server_error", "down"), status(503, "server_error", "down"),
                status(503, "server_error", "down"));
        // Restored with 20 s left: refreshed at once, and the provider is down (t0), then again at t30 and t60.
        Connection c = signedIn(ConnectionState.ACTIVE, START.plus(Duration.ofSeconds(20)), 1);
        clock.advance(Duration.ofSeconds(30));
        tokens.tick();
        clock.advance(Duration.ofSeconds(30));
        tokens.tick();
        assertThat(issuer.calls).hasSize(3);
        assertThat(updates.eventTypes()).containsExactly(Type.REFRESH_FAILED, Type.TOKEN_EXPIRED);
        assertThat(tokens.status(c.id()).orElseThrow().state()).isEqualTo(ConnectionState.EXPIRED);
        assertThat(updates.events(Type.TOKEN_EXPIRED).get(0).details().reasonCode()).contains("server_error");

        issuer.answers(issuer.token(clock.instant().plus(Duration.ofHours(1))));
        clock.advance(Duration.ofMinutes(10));
        tokens.tick();
        assertThat(updates.eventTypes()).endsWith(Type.RECONNECTED);
        assertThat(tokens.status(c.id()).orElseThrow().state()).isEqualTo(ConnectionState.ACTIVE);
    }

    @Test
    void anExpiredRefreshTokenExpiresTheConnectionOnceWithReasonActionAndReconnectUrl() {
        Connection c = signedIn(ConnectionState.ACTIVE, START.plus(Duration.ofMinutes(30)), 3);
        issuer.answers(status(400, "invalid_grant", "AADSTS700082: The refresh token has expired due to inactivity."));

        tokens.tokenRequested(c.id(), OptionalLong.of(3));
        tokens.tokenRequested(c.id(), OptionalLong.of(3));
        clock.advance(Duration.ofHours(2));
        tokens.tick();

        assertThat(issuer.calls).hasSize(1);
        LifecycleEvent expired = updates.events(Type.TOKEN_EXPIRED).get(0);
        assertThat(updates.eventTypes()).containsExactly(Type.TOKEN_EXPIRED);
        assertThat(expired.state()).isEqualTo(ConnectionState.EXPIRED);
        assertThat(expired.previousState()).contains(ConnectionState.ACTIVE);
        assertThat(expired.details().reasonCode()).contains("AADSTS700082");
        assertThat(expired.details().reconnectUrl()).contains(RECONNECT + "fabrikam/connect");
        assertThat(expired.details().actionRequired()).hasValueSatisfying(a -> assertThat(a).contains("Sign in again"));
        assertThat(expired.details().episodeId()).isPresent();
    }

    @Test
    void aSignInHandedOverAfterExpiryReconnectsWithTheNextGenerationAndDeletesTheHandover() {
        Connection c = signedIn(ConnectionState.ACTIVE, START.plus(Duration.ofMinutes(30)), 3);
        issuer.answers(status(400, "invalid_grant", "AADSTS700082: expired"),
                issuer.token(START.plus(Duration.ofHours(1))));
        tokens.tokenRequested(c.id(), OptionalLong.of(3));

        VaultKey key = VaultKey.newHandover(c.id());
        tokens.handedOver(new HandedOver(key, new Handover(c.id(), Optional.of("{\"new\":1}"),
                Optional.of("alice@contoso.example"), clock.instant())));

        assertThat(issuer.calls).containsExactly(true, false);
        assertThat(updates.eventTypes()).containsExactly(Type.TOKEN_EXPIRED, Type.RECONNECTED);
        assertThat(updates.last().consumed()).containsExactly(key);
        assertThat(updates.last().grant().orElseThrow().generation()).isEqualTo(4);
        assertThat(updates.last().state().orElseThrow().msalCache()).contains("{\"new\":1}");
        assertThat(updates.events(Type.RECONNECTED).get(0).details().episodeId())
                .isEqualTo(updates.events(Type.TOKEN_EXPIRED).get(0).details().episodeId());
    }

    @Test
    void anExpiredClientSecretIsNotRetriedUntilSomeoneActs() {
        Connection c = clientCredentials();
        issuer.answers(status(401, "invalid_client", "AADSTS7000222: The provided client secret keys are expired."));
        tokens.adopt(0, List.of(), List.of());

        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofHours(1));
            tokens.tick();
        }
        assertThat(issuer.calls).hasSize(1);
        LifecycleEvent expired = updates.events(Type.TOKEN_EXPIRED).get(0);
        assertThat(expired.details().reasonCode()).contains("AADSTS7000222");
        assertThat(expired.details().actionRequired()).hasValueSatisfying(a -> assertThat(a)
                .contains("client secret").contains("expired").contains("env:SECRET_CONTOSO"));
        assertThat(expired.details().reconnectUrl()).isEmpty();

        issuer.answers(issuer.token(clock.instant().plus(Duration.ofHours(1))));
        tokens.handedOver(new HandedOver(VaultKey.newHandover(c.id()), Handover.retry(c.id(), clock.instant())));
        assertThat(updates.eventTypes()).containsExactly(Type.TOKEN_EXPIRED, Type.RECONNECTED);
    }

    @Test
    void aChangedDefinitionIsTriedAgainAfterAConfigurationError() {
        Connection c = clientCredentials();
        issuer.answers(status(401, "invalid_client", "AADSTS7000215: Invalid client secret provided."),
                issuer.token(START.plus(Duration.ofHours(1))));
        tokens.adopt(0, List.of(), List.of());

        connections.save(new Connection(c.id(), c.displayName(), c.orgUrl(), c.authority(), c.authorityType(),
                c.clientId(), c.authKind(), c.scopes(), c.credential(), true, START.plusSeconds(1))
                .withCredential(ConnectionFixtures.clientCredentials("other").credential()));

        assertThat(updates.eventTypes()).containsExactly(Type.TOKEN_EXPIRED, Type.RECONNECTED);
    }

    @Test
    void aDelegatedConnectionWaitsForASignInWithoutAskingTheProvider() {
        Connection c = ConnectionFixtures.delegated("fabrikam");
        connections.save(c);
        tokens.adopt(0, List.of(), List.of());
        clock.advance(Duration.ofHours(3));
        tokens.tick();

        assertThat(issuer.calls).isEmpty();
        assertThat(updates.updates).isEmpty();
        assertThat(tokens.status(c.id()).orElseThrow().state()).isEqualTo(ConnectionState.PENDING_CONSENT);
    }

    @Test
    void disablingDisconnectsAndWithdrawsTheGrantAndEnablingConnectsAgain() {
        Connection c = signedIn(ConnectionState.ACTIVE, START.plus(Duration.ofMinutes(30)), 2);

        connections.save(c.withEnabled(false, START.plusSeconds(1)));
        assertThat(updates.eventTypes()).containsExactly(Type.DISCONNECTED);
        assertThat(updates.last().withdrawGrant()).isTrue();
        assertThat(tokens.status(c.id()).orElseThrow().state()).isEqualTo(ConnectionState.DISABLED);

        issuer.answers(issuer.token(START.plus(Duration.ofHours(1))));
        connections.save(c.withEnabled(true, START.plusSeconds(2)));
        assertThat(updates.eventTypes()).containsExactly(Type.DISCONNECTED, Type.CONNECTED);
        assertThat(updates.last().grant().orElseThrow().generation()).isEqualTo(3);
    }

    @Test
    void removingForgetsTheVaultStateAndWithdrawsTheGrant() {
        Connection c = signedIn(ConnectionState.ACTIVE, START.plus(Duration.ofMinutes(30)), 2);

        connections.delete(c.id());

        assertThat(updates.eventTypes()).containsExactly(Type.DISCONNECTED);
        assertThat(updates.last().state()).isEmpty();
        assertThat(updates.last().withdrawGrant()).isTrue();
        assertThat(tokens.status(c.id())).isEmpty();
    }

    @Test
    void warnsOnceWhenTheClientSecretExpiresWithinTheWindow() {
        Instant secretExpiry = START.plus(Duration.ofDays(20));
        issuer.expiry = Optional.of(new TokenIssuer.CredentialExpiry("client secret", secretExpiry));
        issuer.answers(issuer.token(START.plus(Duration.ofHours(1))), issuer.token(START.plus(Duration.ofHours(2))));
        clientCredentials();
        tokens.adopt(0, List.of(), List.of());
        clock.advance(Duration.ofMinutes(56));
        tokens.tick();

        assertThat(updates.eventTypes()).containsExactly(Type.CONNECTED, Type.CREDENTIAL_EXPIRING, Type.TOKEN_REFRESHED);
        assertThat(updates.events(Type.CREDENTIAL_EXPIRING).get(0).details().credentialExpiresAt()).contains(secretExpiry);
    }

    @Test
    void stopsWorkingOnAConnectionWhoseShardWasReleasedOrFenced() {
        Connection c = signedIn(ConnectionState.ACTIVE, START.plus(Duration.ofMinutes(30)), 2);
        updates.fenced = true;
        issuer.answers(issuer.token(START.plus(Duration.ofHours(1))));

        tokens.tokenRequested(c.id(), OptionalLong.of(2));
        assertThat(tokens.status(c.id())).isEmpty();

        tokens.release(0);
        clock.advance(Duration.ofHours(1));
        tokens.tick();
        assertThat(issuer.calls).hasSize(1);
        assertThat(tokens.shards()).isEmpty();
    }

    @Test
    void ignoresConnectionsOfShardsItDoesNotOwn() {
        RefreshingTokens other = RefreshingTokens.over(connections, issuer, updates)
                .settings(RefreshSettings.defaults()).clock(clock).executor(Runnable::run).shards(id -> 1)
                .reconnectUrls(id -> RECONNECT).outcomes(RefreshOutcomes.NONE).random(new Random(1)).build();
        other.adopt(0, List.of(), List.of());
        clientCredentials();
        other.tokenRequested(ConnectionId.of("contoso"), OptionalLong.of(0));

        assertThat(other.statuses()).isEmpty();
        assertThat(issuer.calls).isEmpty();
    }
}
