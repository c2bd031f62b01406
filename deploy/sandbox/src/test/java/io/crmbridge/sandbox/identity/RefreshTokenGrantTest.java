package io.crmbridge.sandbox.identity;

import java.time.Duration;
import java.util.Map;

import io.crmbridge.sandbox.SandboxClock;
import io.crmbridge.sandbox.identity.RefreshTokens.RefreshGrant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshTokenGrantTest {

    private static final String BASE = "https://localhost:8443";
    private static final String ORG = BASE + "/org/contoso";
    private static final Scopes SCOPES = Scopes.parse(ORG + "/user_impersonation openid profile offline_access");

    private final SandboxClock clock = new SandboxClock();
    private final Directory directory = new Directory();
    private final RefreshTokens refreshTokens = new RefreshTokens();
    private final AccessTokens tokens = new AccessTokens(clock, BASE + "/");
    private final AppRegistration nativeClient;
    private final AppRegistration adfsClient;

    RefreshTokenGrantTest() {
        IdentitySeeds.users().forEach(directory::add);
        IdentitySeeds.clients(clock.instant(), Lifetimes.defaults()).forEach(directory::add);
        nativeClient = directory.client(IdentitySeeds.NATIVE_CLIENT_ID).orElseThrow();
        adfsClient = directory.client(IdentitySeeds.ADFS_CLIENT_ID).orElseThrow();
    }

    @Test
    void rotatesTheRefreshTokenAndKeepsTheOldOneValid() {
        String first = signIn(Realm.ENTRA, false);

        TokenOutcome refreshed = refresh(defaults(), Realm.ENTRA, first);
        TokenOutcome again = refresh(defaults(), Realm.ENTRA, first);

        assertThat(refreshTokenOf(refreshed)).isNotNull().isNotEqualTo(first);
        assertThat(again).isInstanceOf(TokenOutcome.Issued.class);
        assertThat(((TokenOutcome.Issued) refreshed).body())
                .containsKeys("access_token", "id_token", "client_info", "expires_in", "ext_expires_in", "scope");
    }

    @Test
    void sendsRefreshInOnlyWhenConfigured() {
        String token = signIn(Realm.ENTRA, false);

        TokenOutcome plain = refresh(defaults(), Realm.ENTRA, token);
        TokenOutcome withRefreshIn = refresh(defaults().withRefreshIn(Duration.ofMinutes(30)), Realm.ENTRA, token);

        assertThat(((TokenOutcome.Issued) plain).body()).doesNotContainKey("refresh_in");
        assertThat(((TokenOutcome.Issued) withRefreshIn).body()).containsEntry("refresh_in", 1800L);
    }

    @Test
    void refusesATokenIdleForNinetyDaysWhileTheOneIssuedLaterStillWorks() {
        String first = signIn(Realm.ENTRA, false);
        clock.advance(Duration.ofDays(89));
        String second = refreshTokenOf(refresh(defaults(), Realm.ENTRA, first));
        clock.advance(Duration.ofDays(2));

        assertThat(code(refresh(defaults(), Realm.ENTRA, first))).isEqualTo("AADSTS700082");
        assertThat(refresh(defaults(), Realm.ENTRA, second)).isInstanceOf(TokenOutcome.Issued.class);
    }

    @Test
    void refusesATokenAnAdminExpiredWith700082() {
        String token = signIn(Realm.ENTRA, false);

        refreshTokens.expire(grant -> true);

        TokenOutcome outcome = refresh(defaults(), Realm.ENTRA, token);
        assertThat(code(outcome)).isEqualTo("AADSTS700082");
        assertThat(((TokenOutcome.Refused) outcome).error().message()).contains("inactive for 90.00:00:00");
    }

    @Test
    void refusesTheWholeRotatedFamilyOfARevokedSessionWith50173() {
        String first = signIn(Realm.ENTRA, false);
        String rotated = refreshTokenOf(refresh(defaults(), Realm.ENTRA, first));
        clock.advance(Duration.ofSeconds(1));

        directory.updatePolicy(IdentitySeeds.ALICE, policy -> policy.withTokensValidFrom(clock.instant()));

        assertThat(code(refresh(defaults(), Realm.ENTRA, first))).isEqualTo("AADSTS50173");
        assertThat(code(refresh(defaults(), Realm.ENTRA, rotated))).isEqualTo("AADSTS50173");
        assertThat(refresh(defaults(), Realm.ENTRA, signIn(Realm.ENTRA, false)))
                .isInstanceOf(TokenOutcome.Issued.class);
    }

    @Test
    void answersARevokedSessionWith70008WhenConfigured() {
        String token = signIn(Realm.ENTRA, false);
        clock.advance(Duration.ofSeconds(1));
        directory.updatePolicy(IdentitySeeds.ALICE, policy -> policy.withTokensValidFrom(clock.instant()));

        IdentitySettings settings = defaults().withRevokedGrantError(IdentitySettings.RevokedGrantError.AADSTS70008);

        assertThat(code(refresh(settings, Realm.ENTRA, token))).isEqualTo("AADSTS70008");
    }

    @Test
    void refusesASessionOlderThanTheSignInFrequencyWith70043() {
        String token = signIn(Realm.ENTRA, false);
        directory.updatePolicy(IdentitySeeds.ALICE, policy -> policy.withSignInFrequency(Duration.ofHours(1)));

        assertThat(refresh(defaults(), Realm.ENTRA, token)).isInstanceOf(TokenOutcome.Issued.class);
        clock.advance(Duration.ofHours(2));
        assertThat(code(refresh(defaults(), Realm.ENTRA, token))).isEqualTo("AADSTS70043");
    }

    @Test
    void refusesASessionWithoutMfaWhenMfaIsRequiredWith50076() {
        String withoutMfa = signIn(Realm.ENTRA, false);
        String withMfa = signIn(Realm.ENTRA, true);
        directory.updatePolicy(IdentitySeeds.ALICE, policy -> policy.withMfaRequired(true));

        TokenOutcome refused = refresh(defaults(), Realm.ENTRA, withoutMfa);

        assertThat(code(refused)).isEqualTo("AADSTS50076");
        assertThat(((TokenOutcome.Refused) refused).error().error()).isEqualTo("interaction_required");
        assertThat(refresh(defaults(), Realm.ENTRA, withMfa)).isInstanceOf(TokenOutcome.Issued.class);
    }

    @Test
    void refusesATokenIssuedToAnotherClient() {
        String token = signIn(Realm.ENTRA, false);
        AppRegistration other = directory.client(IdentitySeeds.SECRET_CLIENT_ID).orElseThrow();

        TokenOutcome outcome = grant(defaults()).redeem(request(Realm.ENTRA, token), other);

        assertThat(code(outcome)).isEqualTo("AADSTS70000");
    }

    @Test
    void refusesAnUnknownTokenAsMalformed() {
        assertThat(code(refresh(defaults(), Realm.ENTRA, "1.Anot-a-token"))).isEqualTo("AADSTS9002313");
    }

    @Test
    void adfsReturnsNoNewRefreshTokenUnlessConfiguredTo() {
        String token = signIn(Realm.ADFS, false);

        TokenOutcome plain = refresh(defaults(), Realm.ADFS, token);
        TokenOutcome rotating = refresh(defaults().withAdfsRotatesRefreshTokens(true), Realm.ADFS, token);

        assertThat(((TokenOutcome.Issued) plain).body()).containsKeys("access_token", "id_token")
                .doesNotContainKeys("refresh_token", "client_info");
        assertThat(refreshTokenOf(rotating)).isNotNull();
    }

    @Test
    void adfsRefusesARefreshTokenPastTheSsoLifetimeWith401Msis9615() {
        String token = signIn(Realm.ADFS, false);
        clock.advance(Duration.ofHours(8));

        TokenOutcome outcome = refresh(defaults(), Realm.ADFS, token);

        assertThat(code(outcome)).isEqualTo("MSIS9615");
        assertThat(((TokenOutcome.Refused) outcome).error().status()).isEqualTo(401);
    }

    private String signIn(Realm realm, boolean mfa) {
        AppRegistration client = realm == Realm.ADFS ? adfsClient : nativeClient;
        Session session = new Session(directory.user(IdentitySeeds.ALICE).orElseThrow(), clock.instant(), mfa);
        return refreshTokens.issue(new RefreshGrant(client.clientId(), realm, session, SCOPES, clock.instant(), false));
    }

    private TokenOutcome refresh(IdentitySettings settings, Realm realm, String token) {
        return grant(settings).redeem(request(realm, token), realm == Realm.ADFS ? adfsClient : nativeClient);
    }

    private RefreshTokenGrant grant(IdentitySettings settings) {
        TokenIssuer issuer = new TokenIssuer(tokens, new IdTokens(tokens, clock, Tenant.SEEDED), Tenant.SEEDED,
                settings::lifetimes, settings.refreshIn());
        Audiences audiences = new Audiences(directory, Tenant.SEEDED);
        return new RefreshTokenGrant(refreshTokens, directory, audiences, new UserTokens(issuer, refreshTokens, clock),
                clock, settings::lifetimes, settings);
    }

    private static TokenRequest request(Realm realm, String token) {
        Authority authority = realm == Realm.ADFS ? Authority.adfs(BASE) : Authority.entra(BASE, IdentitySeeds.TENANT_ID);
        Form form = new Form(Map.of("grant_type", "refresh_token", "refresh_token", token, "client_info", "1",
                "scope", SCOPES.wire()));
        return new TokenRequest(authority, form, BASE);
    }

    private static IdentitySettings defaults() {
        return IdentitySettings.defaults();
    }

    private static String refreshTokenOf(TokenOutcome outcome) {
        assertThat(outcome).isInstanceOf(TokenOutcome.Issued.class);
        return (String) ((TokenOutcome.Issued) outcome).body().get("refresh_token");
    }

    private static String code(TokenOutcome outcome) {
        assertThat(outcome).isInstanceOf(TokenOutcome.Refused.class);
        return ((TokenOutcome.Refused) outcome).error().code();
    }
}
