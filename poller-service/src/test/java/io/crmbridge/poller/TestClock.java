package io.crmbridge.poller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand; each reading advances it by one millisecond so instants stay distinct. */
public final class TestClock extends Clock {

    private Instant now;

    public TestClock(Instant start) {
        this.now = start;
    }

    public static TestClock atEpochDay(int day) {
        return new TestClock(Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(day)));
    }

    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    public synchronized Instant peek() {
        return now;
    }

    @Override
    public synchronized Instant instant() {
        now = now.plusMillis(1);
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
