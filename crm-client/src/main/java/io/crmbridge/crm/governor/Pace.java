package io.crmbridge.crm.governor;

import java.time.Duration;

/**
 * The arithmetic of a {@link Governor}, free of threads and clocks so it can be tested with made-up times
 * (nanoseconds on any monotonic scale). Not thread-safe; the governor serialises calls.
 *
 * <ul>
 * <li>A 429 pauses everything until its {@code Retry-After} has passed, and cuts the rate and the concurrency
 *     limit multiplicatively, once per round trip: 429s of requests that were admitted before the last cut do not
 *     cut again (TCP's rule), so a burst of in-flight 429s counts as one signal.</li>
 * <li>Each success adds {@code increase / rate} requests/s, i.e. about {@code increase} per second while the
 *     connection runs at its limit, and one request of concurrency per limit's worth of successes.</li>
 * <li>Requests are admitted from a token bucket filled at the current rate, {@code burst} deep.</li>
 * </ul>
 */
final class Pace {

    /** What a request should do now. */
    sealed interface Admission permits Admitted, Wait, Full {
    }

    /** Go; report the outcome with the admission time. */
    record Admitted(long admittedAt) implements Admission {
    }

    /** Ask again in {@code nanos} (paused after a 429, or the bucket is empty). */
    record Wait(long nanos) implements Admission {
    }

    /** Too many in flight: ask again when one completes. */
    record Full() implements Admission {
    }

    private final GovernorSettings settings;
    private double rate;
    private double concurrency;
    private double tokens;
    private long refilledAt;
    private long pausedUntil;
    private long lastCut = Long.MIN_VALUE;
    private int inFlight;
    private long throttles;

    Pace(GovernorSettings settings, long now) {
        this.settings = settings;
        this.rate = settings.initialRate();
        this.concurrency = settings.maxConcurrency();
        this.tokens = 1;
        this.refilledAt = now;
        this.pausedUntil = now;
    }

    Admission admit(long now) {
        if (now < pausedUntil) {
            return new Wait(pausedUntil - now);
        }
        if (inFlight >= (int) concurrency) {
            return new Full();
        }
        refill(now);
        if (tokens < 1) {
            return new Wait((long) Math.ceil((1 - tokens) / rate * 1e9));
        }
        tokens -= 1;
        inFlight++;
        return new Admitted(now);
    }

    /** The request admitted at {@code admittedAt} succeeded (or failed in a way that says nothing of load). */
    void succeeded(long now) {
        inFlight--;
        refill(now);
        rate = Math.min(settings.maxRate(), rate + settings.increase() / rate);
        concurrency = Math.min(settings.maxConcurrency(), concurrency + 1 / concurrency);
    }

    /** The request ended without telling anything of load (cancelled, a 4xx, a network failure). */
    void finished() {
        inFlight--;
    }

    /** The request admitted at {@code admittedAt} got a 429 asking to wait {@code retryAfter}. */
    void throttled(long admittedAt, long now, Duration retryAfter) {
        inFlight--;
        throttles++;
        pausedUntil = Math.max(pausedUntil, now + retryAfter.toNanos());
        if (admittedAt >= lastCut) {
            lastCut = now;
            refill(now);
            rate = Math.max(settings.minRate(), rate * settings.decreaseFactor());
            concurrency = Math.max(1, concurrency * settings.decreaseFactor());
            // Start the resumed traffic with an empty bucket: no burst right after the pause.
            tokens = Math.min(tokens, 0);
        }
    }

    private void refill(long now) {
        // Time spent paused earns nothing: the first requests after a pause must not arrive as a burst.
        long from = Math.max(refilledAt, Math.min(pausedUntil, now));
        if (now > from) {
            double depth = Math.max(1, rate * settings.burst().toNanos() / 1e9);
            tokens = Math.min(depth, tokens + (now - from) / 1e9 * rate);
        }
        refilledAt = Math.max(refilledAt, now);
    }

    double rate() {
        return rate;
    }

    int concurrencyLimit() {
        return (int) concurrency;
    }

    int inFlight() {
        return inFlight;
    }

    long pausedUntil() {
        return pausedUntil;
    }

    long throttles() {
        return throttles;
    }
}
