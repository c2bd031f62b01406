package io.crmbridge.crm.failure;

import java.time.Duration;

/** What {@link FailureClassification} decided for one failed attempt. */
public sealed interface Verdict permits Verdict.Retry, Verdict.Reauthenticate, Verdict.GiveUp {

    /**
     * Send the same request again after {@code delay}.
     *
     * @param throttled the delay is the server's {@code Retry-After} for a 429: the whole connection must wait
     */
    record Retry(Duration delay, boolean throttled) implements Verdict {
    }

    /** 401: get a newer token and send the request once more. */
    record Reauthenticate() implements Verdict {
    }

    /** Stop retrying; the request failed as {@code kind}. */
    record GiveUp(FailureKind kind) implements Verdict {
    }
}
