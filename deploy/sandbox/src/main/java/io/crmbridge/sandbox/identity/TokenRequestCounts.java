package io.crmbridge.sandbox.identity;

import java.util.Map;

/**
 * How many token requests the sandbox answered, by grant and outcome; the outcome is {@code success}, the OAuth
 * {@code error} (e.g. {@code invalid_grant}, {@code authorization_pending}), or {@code http_<status>} for an
 * injected empty-bodied failure. A snapshot: later requests do not change it.
 *
 * @param counts keyed by {@code <grant_type>/<outcome>}, e.g. {@code refresh_token/success}
 */
public record TokenRequestCounts(Map<String, Long> counts) {

    public TokenRequestCounts {
        counts = Map.copyOf(counts);
    }

    public long of(Grant grant, String outcome) {
        return counts.getOrDefault(grant.wireName() + "/" + outcome, 0L);
    }

    public long succeeded(Grant grant) {
        return of(grant, "success");
    }

    /** All requests of {@code grant}, whatever their outcome. */
    public long of(Grant grant) {
        String prefix = grant.wireName() + "/";
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
