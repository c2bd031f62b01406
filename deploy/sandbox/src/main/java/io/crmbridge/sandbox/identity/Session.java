package io.crmbridge.sandbox.identity;

import java.time.Instant;

/**
 * An interactive sign-in: who, when, and whether it satisfied MFA. Codes and refresh tokens carry the session they
 * descend from, so revocation, sign-in frequency and MFA policies apply to the whole rotated token family.
 */
record Session(DirectoryUser user, Instant authTime, boolean mfa) {
}
