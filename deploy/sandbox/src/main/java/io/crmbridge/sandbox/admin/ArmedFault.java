package io.crmbridge.sandbox.admin;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link FaultRule} in force: its id, and how often it has matched and fired so far. */
public final class ArmedFault {

    private final long id;
    private final FaultRule rule;
    private final Optional<Instant> expiresAt;
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong injected = new AtomicLong();

    ArmedFault(long id, FaultRule rule, Instant armedAt) {
        this.id = id;
        this.rule = rule;
        this.expiresAt = rule.lasting().map(armedAt::plus);
    }

    /** Whether this fault takes the request for {@code path}; a taken request counts against the limit. */
    boolean takes(String path, Instant now) {
        if (!path.startsWith(rule.pathPrefix()) || !live(now)) {
            return false;
        }
        long nth = matched.incrementAndGet();
        return rule.selection().picks(nth, ThreadLocalRandom.current().nextDouble()) && claim();
    }

    // Claim one injection atomically, so "times 3" means exactly three under concurrent requests.
    private boolean claim() {
        long limit = rule.times().orElse(Long.MAX_VALUE);
        return injected.getAndUpdate(n -> n < limit ? n + 1 : n) < limit;
    }

    /** Still injecting: neither used up nor expired. */
    public boolean live(Instant now) {
        boolean left = remaining().orElse(1) > 0;
        return left && expiresAt.map(now::isBefore).orElse(true);
    }

    public long id() {
        return id;
    }

    public FaultRule rule() {
        return rule;
    }

    /** Requests that got this fault. */
    public long injected() {
        return injected.get();
    }

    /** Injections left, when the rule has a limit. */
    public OptionalLong remaining() {
        return rule.times().isPresent()
                ? OptionalLong.of(rule.times().getAsLong() - injected.get())
                : OptionalLong.empty();
    }

    /** When the rule stops, in sandbox time, when it has a duration. */
    public Optional<Instant> expiresAt() {
        return expiresAt;
    }
}
