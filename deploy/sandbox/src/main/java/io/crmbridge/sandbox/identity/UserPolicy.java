package io.crmbridge.sandbox.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * What the tenant's admin has switched on for one user: Conditional Access MFA, a sign-in frequency, and the
 * "tokens valid from" instant that revoking the user's sessions sets.
 *
 * @param mfaRequired      refresh tokens from sessions without MFA are refused (AADSTS50076)
 * @param signInFrequency  refresh tokens from sessions older than this are refused (AADSTS70043); null = none
 * @param tokensValidFrom  refresh tokens from sessions that began before this are refused (50173); null = none
 */
record UserPolicy(boolean mfaRequired, Duration signInFrequency, Instant tokensValidFrom) {

    static final UserPolicy NONE = new UserPolicy(false, null, null);

    UserPolicy withMfaRequired(boolean value) {
        return new UserPolicy(value, signInFrequency, tokensValidFrom);
    }

    UserPolicy withSignInFrequency(Duration value) {
        return new UserPolicy(mfaRequired, value, tokensValidFrom);
    }

    UserPolicy withTokensValidFrom(Instant value) {
        return new UserPolicy(mfaRequired, signInFrequency, value);
    }

    boolean revokes(Session session) {
        return tokensValidFrom != null && session.authTime().isBefore(tokensValidFrom);
    }

    boolean signInTooOld(Session session, Instant now) {
        return signInFrequency != null && !now.isBefore(session.authTime().plus(signInFrequency));
    }

    boolean lacksMfa(Session session) {
        return mfaRequired && !session.mfa();
    }
}
