package io.crmbridge.crm.governor;

import java.time.Duration;

/**
 * Limits and pace of one connection's {@link Governor}.
 *
 * @param maxConcurrency  requests in flight at once; Dataverse refuses a user's 53rd concurrent request, and other
 *                        clients of the same application user count too, so the default stays well below
 * @param initialRate     requests per second a connection starts with
 * @param minRate         the rate never drops below this after repeated 429s
 * @param maxRate         the rate never grows above this
 * @param increase        additive increase: requests per second gained per second of unthrottled traffic
 * @param decreaseFactor  multiplicative decrease on a 429 (0.5 halves the rate)
 * @param burst           how much of the rate may be spent at once after an idle time (token-bucket depth)
 */
public record GovernorSettings(int maxConcurrency, double initialRate, double minRate, double maxRate,
                               double increase, double decreaseFactor, Duration burst) {

    public GovernorSettings {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1");
        }
        if (!(minRate > 0 && minRate <= initialRate && initialRate <= maxRate)) {
            throw new IllegalArgumentException("rates must satisfy 0 < minRate <= initialRate <= maxRate");
        }
        if (!(decreaseFactor > 0 && decreaseFactor < 1) || increase < 0) {
            throw new IllegalArgumentException("decreaseFactor must be in (0, 1) and increase not negative");
        }
        if (burst.isNegative() || burst.isZero()) {
            throw new IllegalArgumentException("burst must be positive");
        }
    }

    /** 16 in flight, 25 requests/s to start, between 0.2 and 500/s, +1/s per second, halved on a 429. */
    public static GovernorSettings defaults() {
        return new GovernorSettings(16, 25, 0.2, 500, 1, 0.5, Duration.ofMillis(250));
    }

    public GovernorSettings withMaxConcurrency(int concurrency) {
        return new GovernorSettings(concurrency, initialRate, minRate, maxRate, increase, decreaseFactor, burst);
    }

    public GovernorSettings withRates(double initial, double min, double max) {
        return new GovernorSettings(maxConcurrency, initial, min, max, increase, decreaseFactor, burst);
    }

    public GovernorSettings withIncrease(double perSecond) {
        return new GovernorSettings(maxConcurrency, initialRate, minRate, maxRate, perSecond, decreaseFactor, burst);
    }
}
