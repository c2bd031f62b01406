package io.crmbridge.sandbox.identity;

import java.util.Map;

/** What the token endpoint answers a grant with: tokens, or a refusal. */
sealed interface TokenOutcome {

    /** The outcome as counted in {@link TokenRequestCounts}: {@code success} or the OAuth {@code error}. */
    String label();

    record Issued(Map<String, Object> body) implements TokenOutcome {
        @Override
        public String label() {
            return "success";
        }
    }

    record Refused(OAuthError error) implements TokenOutcome {
        @Override
        public String label() {
            return error.error();
        }
    }
}
