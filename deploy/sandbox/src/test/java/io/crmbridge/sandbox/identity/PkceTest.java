package io.crmbridge.sandbox.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PkceTest {

    // RFC 7636 appendix B.
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void s256AcceptsTheVerifierOfTheRfcExample() {
        assertThat(Pkce.s256(VERIFIER)).isEqualTo(CHALLENGE);
        assertThat(Pkce.verifies(CHALLENGE, "S256", VERIFIER)).isTrue();
    }

    @Test
    void s256RefusesAnotherVerifier() {
        assertThat(Pkce.verifies(CHALLENGE, "S256", VERIFIER + "x")).isFalse();
    }

    @Test
    void plainComparesTheVerifierWithTheChallengeAsIs() {
        assertThat(Pkce.verifies("abc-plain-verifier", "plain", "abc-plain-verifier")).isTrue();
        assertThat(Pkce.verifies(CHALLENGE, "plain", VERIFIER)).isFalse();
    }

    @Test
    void anOmittedMethodMeansPlain() {
        assertThat(Pkce.verifies("same-value", null, "same-value")).isTrue();
        assertThat(Pkce.supportsMethod(null)).isTrue();
    }

    @Test
    void aChallengeWithoutVerifierNeverVerifies() {
        assertThat(Pkce.verifies(CHALLENGE, "S256", null)).isFalse();
        assertThat(Pkce.verifies(CHALLENGE, "S256", "")).isFalse();
    }

    @Test
    void onlyS256AndPlainAreSupportedMethods() {
        assertThat(Pkce.supportsMethod("S256")).isTrue();
        assertThat(Pkce.supportsMethod("plain")).isTrue();
        assertThat(Pkce.supportsMethod("S512")).isFalse();
        assertThat(Pkce.supportsMethod("s256")).isFalse();
    }
}
