package io.crmbridge.sandbox.identity;

import java.time.Clock;

/** Issues a user's tokens for the code, device code and refresh grants, minting a refresh token when one is due. */
final class UserTokens {

    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final Clock clock;

    UserTokens(TokenIssuer issuer, RefreshTokens refreshTokens, Clock clock) {
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    /**
     * @param consent the scopes a new refresh token stands for; null issues none
     */
    TokenOutcome issue(TokenRequest request, Delegation delegation, Scopes consent) {
        String refreshToken = consent == null ? null : refreshTokens.issue(new RefreshTokens.RefreshGrant(
                delegation.client().clientId(), request.authority().realm(), delegation.session(), consent,
                clock.instant(), false));
        return new TokenOutcome.Issued(issuer.delegated(request, delegation, refreshToken));
    }

    /**
     * Whether a first grant (code, device code) returns a refresh token: when {@code offline_access} was asked
     * for, and on AD FS also for the ADAL-style request that names a {@code resource} and no scopes.
     */
    static boolean wantsRefreshToken(TokenRequest request, Scopes scopes) {
        return scopes.offlineAccess() || request.authority().isAdfs() && request.param("scope") == null;
    }
}
