package io.crmbridge.sandbox.identity;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The failures queued for the next token requests. */
final class TokenFailures {

    private final AtomicReference<Pending> pending = new AtomicReference<>(new Pending(0, null));

    void failNext(int count, TokenFailure failure) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        pending.set(new Pending(count, failure));
    }

    /** The failure for this request, if one is still queued. */
    Optional<TokenFailure> take() {
        Pending before = pending.getAndUpdate(p -> p.remaining() > 0 ? new Pending(p.remaining() - 1, p.failure()) : p);
        return before.remaining() > 0 ? Optional.of(before.failure()) : Optional.empty();
    }

    private record Pending(int remaining, TokenFailure failure) {
    }
}
