package io.crmbridge.action.execution;

import java.time.Duration;

/** What to do with a write after one response: stop with an outcome, or send it again after a delay. */
sealed interface Decision permits Decision.Final, Decision.Retry {

    record Final(WriteOutcome outcome) implements Decision {
    }

    record Retry(Duration delay) implements Decision {
    }
}
