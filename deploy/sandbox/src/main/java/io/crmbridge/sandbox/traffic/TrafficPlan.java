package io.crmbridge.sandbox.traffic;

/**
 * What the traffic generator does: writes to {@code table} of {@code org} at {@code ratePerSecond}, choosing
 * creates, updates and deletes in proportion to their weights (updates and deletes touch rows it created).
 */
public record TrafficPlan(String org, String table, double ratePerSecond, int creates, int updates, int deletes) {

    public TrafficPlan {
        if (ratePerSecond <= 0 || creates < 0 || updates < 0 || deletes < 0 || creates + updates + deletes == 0) {
            throw new IllegalArgumentException("rate and at least one weight must be positive");
        }
    }

    /** Mostly creates, some updates, few deletes: a growing table with churn. */
    public static TrafficPlan of(String org, String table, double ratePerSecond) {
        return new TrafficPlan(org, table, ratePerSecond, 60, 30, 10);
    }
}
