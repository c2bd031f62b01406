package io.crmbridge.sandbox.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import io.crmbridge.sandbox.identity.RefreshTokens.RefreshGrant;

/**
 * {@code grant_type=refresh_token}. Entra rotates (a new refresh token each time, the old one still valid) and
 * refuses, in this order: a revoked session (AADSTS50173 or 70008), an idle token (700082), a session older than the
 * user's sign-in frequency (70043), a session without MFA when MFA is required (50076). AD FS returns no new refresh
 * token unless configured to, and refuses an expired one with HTTP 401 MSIS9615.
 */
final class RefreshTokenGrant implements TokenGrant {

    private final RefreshTokens refreshTokens;
    private final Directory directory;
    private final Audiences audiences;
    private final UserTokens tokens;
    private final Clock clock;
    private final Supplier<Lifetimes> lifetimes;
    private final IdentitySettings settings;

    RefreshTokenGrant(RefreshTokens refreshTokens, Directory directory, Audiences audiences, UserTokens tokens,
                      Clock clock, Supplier<Lifetimes> lifetimes, IdentitySettings settings) {
        this.refreshTokens = refreshTokens;
        this.directory = directory;
        this.audiences = audiences;
        this.tokens = tokens;
        this.clock = clock;
        this.lifetimes = lifetimes;
        this.settings = settings;
    }

    @Override
    public TokenOutcome redeem(TokenRequest request, AppRegistration client) {
        String token = request.param("refresh_token");
        if (token == null) {
            return refused(EntraErrors.missingParameter("refresh_token"));
        }
        boolean adfs = request.authority().isAdfs();
        Optional<RefreshGrant> grant = refreshTokens.find(token).filter(g -> g.realm() == request.authority().realm());
        if (grant.isEmpty()) {
            return refused(adfs ? AdfsErrors.refreshTokenInvalid() : GrantErrors.malformedRefreshToken());
        }
        if (!grant.get().clientId().equals(client.clientId())) {
            return refused(adfs ? AdfsErrors.refreshTokenInvalid() : GrantErrors.issuedToAnotherClient("refresh_token"));
        }
        Optional<OAuthError> refusal = adfs ? adfsRefusal(grant.get()) : entraRefusal(grant.get());
        return refusal.map(RefreshTokenGrant::refused).orElseGet(() -> refresh(request, client, grant.get()));
    }

    private TokenOutcome refresh(TokenRequest request, AppRegistration client, RefreshGrant grant) {
        Scopes asked = request.scopes();
        Scopes scopes = asked.resourceScopes().isEmpty()
                ? new Scopes(grant.scopes().resourceScopes(), asked.oidcScopes()) : asked;
        Checked<String> audience = audiences.first(scopes, request.authority());
        if (audience.isRefused()) {
            return refused(audience.error());
        }
        boolean rotate = !request.authority().isAdfs() || settings.adfsRotatesRefreshTokens();
        Delegation delegation = new Delegation(client, grant.session(), scopes, audience.value(), null);
        return tokens.issue(request, delegation, rotate ? grant.scopes() : null);
    }

    private Optional<OAuthError> entraRefusal(RefreshGrant grant) {
        Instant now = clock.instant();
        UserPolicy policy = directory.policy(grant.session().user());
        Duration inactivity = lifetimes.get().refreshTokenInactivity();
        if (policy.revokes(grant.session())) {
            return Optional.of(settings.revokedGrantError() == IdentitySettings.RevokedGrantError.AADSTS50173
                    ? GrantErrors.grantRevoked(grant.issuedAt(), policy.tokensValidFrom()) : GrantErrors.grantExpired());
        }
        if (grant.idleExpired() || !now.isBefore(grant.issuedAt().plus(inactivity))) {
            return Optional.of(GrantErrors.refreshTokenInactive(grant.issuedAt(), inactivity));
        }
        if (policy.signInTooOld(grant.session(), now)) {
            return Optional.of(GrantErrors.signInFrequency(grant.issuedAt(), policy.signInFrequency()));
        }
        if (policy.lacksMfa(grant.session())) {
            return Optional.of(GrantErrors.mfaRequired(Identity.DATAVERSE_APP_ID, settings.mfaChallenge()));
        }
        return Optional.empty();
    }

    private Optional<OAuthError> adfsRefusal(RefreshGrant grant) {
        if (directory.policy(grant.session().user()).revokes(grant.session())) {
            return Optional.of(AdfsErrors.refreshTokenInvalid());
        }
        boolean expired = grant.idleExpired()
                || !clock.instant().isBefore(grant.issuedAt().plus(lifetimes.get().adfsSso()));
        return expired ? Optional.of(AdfsErrors.refreshTokenExpired()) : Optional.empty();
    }

    private static TokenOutcome refused(OAuthError error) {
        return new TokenOutcome.Refused(error);
    }
}
