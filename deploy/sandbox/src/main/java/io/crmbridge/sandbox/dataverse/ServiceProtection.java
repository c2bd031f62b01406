package io.crmbridge.sandbox.dataverse;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dataverse's service-protection limits for one org, per caller (reference §6): requests and combined execution
 * time in a sliding window, and concurrent requests. Over a limit the caller gets 429 with {@code Retry-After}
 * in seconds; a caller that keeps sending while throttled gets a longer wait with each refused request.
 */
final class ServiceProtection {

    static final String REQUESTS_CODE = "0x80072322";
    static final String EXECUTION_TIME_CODE = "0x80072321";
    static final String CONCURRENCY_CODE = "0x80072326";

    private final Clock clock;
    private final Map<String, Budget> callers = new ConcurrentHashMap<>();
    private volatile ServiceProtectionLimits limits;

    ServiceProtection(ServiceProtectionLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    ServiceProtectionLimits limits() {
        return limits;
    }

    void limits(ServiceProtectionLimits limits) {
        this.limits = limits;
    }

    /** What admitting a request decided: go ahead (and call {@link Admitted#finished}) or 429. */
    sealed interface Admission {
    }

    record Throttled(String code, String message, long retryAfterSeconds) implements Admission {
    }

    /**
     * An admitted request; {@link #finished()} must be called exactly once when it has been answered.
     * {@code remainingRequests} and {@code remainingMillis} feed the debug headers
     * {@code x-ms-ratelimit-burst-remaining-xrm-requests} and {@code x-ms-ratelimit-time-remaining-xrm-requests}.
     */
    final class Admitted implements Admission {
        private final Budget budget;
        private final long startNanos = System.nanoTime();
        private final long remainingRequests;
        private final long remainingMillis;

        private Admitted(Budget budget, long remainingRequests, long remainingMillis) {
            this.budget = budget;
            this.remainingRequests = remainingRequests;
            this.remainingMillis = remainingMillis;
        }

        long remainingRequests() {
            return remainingRequests;
        }

        long remainingMillis() {
            return remainingMillis;
        }

        void finished() {
            budget.finished(clock.millis(), (System.nanoTime() - startNanos) / 1_000_000);
        }
    }

    Admission admit(String caller) {
        Budget budget = callers.computeIfAbsent(caller, c -> new Budget());
        ServiceProtectionLimits current = limits;
        synchronized (budget) {
            Throttled throttled = budget.admit(clock.millis(), current);
            if (throttled != null) {
                return throttled;
            }
            return new Admitted(budget, current.requests() - budget.requests.size(),
                    Math.max(0, current.executionTime().toMillis() - budget.executionMillis));
        }
    }

    /** One caller's recent requests; every method synchronised, work done is O(1) amortised. */
    private static final class Budget {
        private final ArrayDeque<Long> requests = new ArrayDeque<>();
        private final ArrayDeque<long[]> executions = new ArrayDeque<>();
        private long executionMillis;
        private int inFlight;
        private int refusedInARow;

        synchronized Throttled admit(long now, ServiceProtectionLimits limits) {
            long windowMillis = limits.window().toMillis();
            forget(now - windowMillis);
            Throttled throttled = check(now, windowMillis, limits);
            if (throttled != null) {
                refusedInARow++;
                return throttled;
            }
            refusedInARow = 0;
            requests.addLast(now);
            inFlight++;
            return null;
        }

        synchronized void finished(long now, long elapsedMillis) {
            inFlight--;
            executions.addLast(new long[] {now, elapsedMillis});
            executionMillis += elapsedMillis;
        }

        private Throttled check(long now, long windowMillis, ServiceProtectionLimits limits) {
            long windowSeconds = limits.window().toSeconds();
            if (inFlight >= limits.concurrent()) {
                return new Throttled(CONCURRENCY_CODE, "Number of concurrent requests exceeded the limit of "
                        + limits.concurrent() + ".", penalised(1, windowSeconds));
            }
            if (requests.size() >= limits.requests()) {
                long wait = seconds(requests.peekFirst() + windowMillis - now);
                return new Throttled(REQUESTS_CODE, "Number of requests exceeded the limit of " + limits.requests()
                        + " over time window of " + windowSeconds + " seconds.", penalised(wait, windowSeconds));
            }
            Duration allowed = limits.executionTime();
            if (!allowed.isZero() && executionMillis >= allowed.toMillis() && !executions.isEmpty()) {
                long wait = seconds(executions.peekFirst()[0] + windowMillis - now);
                return new Throttled(EXECUTION_TIME_CODE, "Combined execution time of incoming requests exceeded "
                        + "limit of " + NumberFormat.getIntegerInstance(Locale.US).format(allowed.toMillis())
                        + " milliseconds over time window of " + windowSeconds + " seconds. Decrease number of "
                        + "concurrent requests or reduce the duration of requests and try again later.",
                        penalised(wait, windowSeconds));
            }
            return null;
        }

        private long penalised(long wait, long windowSeconds) {
            // Each request refused in a row adds a second, up to twice the window.
            return Math.min(2 * Math.max(windowSeconds, 1), wait + refusedInARow);
        }

        private void forget(long before) {
            while (!requests.isEmpty() && requests.peekFirst() <= before) {
                requests.removeFirst();
            }
            while (!executions.isEmpty() && executions.peekFirst()[0] <= before) {
                executionMillis -= executions.removeFirst()[1];
            }
        }

        private static long seconds(long millis) {
            return Math.max(1, (millis + 999) / 1000);
        }
    }
}
