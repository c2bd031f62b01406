package io.crmbridge.sandbox.identity;

import java.time.Clock;
import java.util.function.Supplier;

import io.crmbridge.sandbox.identity.AuthorizationCodes.AuthorizationCode;
import io.crmbridge.sandbox.identity.AuthorizationCodes.Redemption;

/**
 * {@code grant_type=authorization_code}: a single-use code (AADSTS54005 on reuse, 70008 once expired), redeemed by
 * the client it was issued to, with the same redirect URI and, if the authorize request had a PKCE challenge, the
 * matching verifier (AADSTS501481).
 */
final class AuthorizationCodeGrant implements TokenGrant {

    private final AuthorizationCodes codes;
    private final Audiences audiences;
    private final UserTokens tokens;
    private final Clock clock;
    private final Supplier<Lifetimes> lifetimes;

    AuthorizationCodeGrant(AuthorizationCodes codes, Audiences audiences, UserTokens tokens, Clock clock,
                           Supplier<Lifetimes> lifetimes) {
        this.codes = codes;
        this.audiences = audiences;
        this.tokens = tokens;
        this.clock = clock;
        this.lifetimes = lifetimes;
    }

    @Override
    public TokenOutcome redeem(TokenRequest request, AppRegistration client) {
        String value = request.param("code");
        if (value == null) {
            return refused(EntraErrors.missingParameter("code"));
        }
        Redemption redemption = codes.redeem(value, clock.instant(), lifetimes.get().authorizationCode());
        if (redemption instanceof Redemption.Valid valid) {
            return redeem(request, client, valid.code());
        }
        if (redemption instanceof Redemption.AlreadyRedeemed) {
            return refused(GrantErrors.codeRedeemed());
        }
        if (redemption instanceof Redemption.Expired) {
            return refused(GrantErrors.grantExpired());
        }
        return refused(request.authority().isAdfs() ? AdfsErrors.invalidCode() : GrantErrors.invalidGrant("code"));
    }

    private TokenOutcome redeem(TokenRequest request, AppRegistration client, AuthorizationCode code) {
        if (!code.clientId().equals(client.clientId()) || code.realm() != request.authority().realm()) {
            return refused(GrantErrors.issuedToAnotherClient("code"));
        }
        if (!RedirectUris.same(code.redirectUri(), request.param("redirect_uri"))) {
            return refused(GrantErrors.redirectUriMismatch());
        }
        if (code.challenge() != null
                && !Pkce.verifies(code.challenge(), code.challengeMethod(), request.param("code_verifier"))) {
            return refused(GrantErrors.pkceMismatch());
        }
        boolean asked = request.param("scope") != null || request.param("resource") != null;
        Scopes scopes = asked ? request.scopes() : code.scopes();
        Checked<String> audience = audiences.single(scopes, request.authority());
        if (audience.isRefused()) {
            return refused(audience.error());
        }
        Delegation delegation = new Delegation(client, code.session(), scopes, audience.value(), code.nonce());
        return tokens.issue(request, delegation, UserTokens.wantsRefreshToken(request, scopes) ? scopes : null);
    }

    private static TokenOutcome refused(OAuthError error) {
        return new TokenOutcome.Refused(error);
    }
}
