package io.crmbridge.crm.governor;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Leave to send one request, from {@link Governor#acquire()}. Report how it ended exactly once; later reports are
 * ignored, so a {@code doFinally(finished)} after a specific report is safe.
 */
public final class Permit {

    enum Result { SUCCEEDED, THROTTLED, FINISHED }

    private final Governor governor;
    private final long admittedAt;
    private final AtomicBoolean reported = new AtomicBoolean();

    Permit(Governor governor, long admittedAt) {
        this.governor = governor;
        this.admittedAt = admittedAt;
    }

    long admittedAt() {
        return admittedAt;
    }

    /** Dataverse answered without throttling (2xx): the connection may speed up. */
    public void succeeded() {
        report(Result.SUCCEEDED, Duration.ZERO);
    }

    /** Dataverse answered 429: every request of the connection waits {@code retryAfter}, and the pace drops. */
    public void throttled(Duration retryAfter) {
        report(Result.THROTTLED, retryAfter);
    }

    /** The request ended in a way that says nothing about load (an error status, no response, cancelled). */
    public void finished() {
        report(Result.FINISHED, Duration.ZERO);
    }

    private void report(Result result, Duration retryAfter) {
        if (reported.compareAndSet(false, true)) {
            governor.report(this, result, retryAfter);
        }
    }
}
