package io.crmbridge.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sandbox's notion of now: the system clock plus an offset that tests and the admin API move forward, so
 * "the refresh token has been idle for 90 days" or "the delta token is past retention" takes no waiting.
 */
public final class SandboxClock extends Clock {

    private final Clock system = Clock.systemUTC();
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Moves the sandbox's time forward (or back, with a negative duration). */
    public void advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the sandbox clock is UTC");
    }
}
