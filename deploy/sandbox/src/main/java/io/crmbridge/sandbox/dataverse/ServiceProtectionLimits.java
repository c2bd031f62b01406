package io.crmbridge.sandbox.dataverse;

import java.time.Duration;

/**
 * Service-protection limits of an org, per caller (reference §6). Settable at runtime
 * ({@link Org#throttle(ServiceProtectionLimits)}, admin API) so tests can use e.g. 20 requests per 5 s.
 *
 * @param requests      requests allowed per caller in the sliding {@code window} (0x80072322 beyond it)
 * @param window        the sliding window of the request and execution-time limits
 * @param concurrent    requests a caller may have in flight at once (0x80072326 beyond it)
 * @param executionTime combined handling time allowed per caller in the window (0x80072321 beyond it);
 *                      {@link Duration#ZERO} turns that limit off
 */
public record ServiceProtectionLimits(int requests, Duration window, int concurrent, Duration executionTime) {

    public ServiceProtectionLimits {
        if (requests < 1 || concurrent < 1 || window.isNegative() || window.isZero() || executionTime.isNegative()) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The documented defaults: 6000 requests and 20 minutes of execution time per 300 s, 52 concurrent. */
    public static ServiceProtectionLimits defaults() {
        return new ServiceProtectionLimits(6000, Duration.ofSeconds(300), 52, Duration.ofMinutes(20));
    }

    public ServiceProtectionLimits withRequests(int requests, Duration window) {
        return new ServiceProtectionLimits(requests, window, concurrent, executionTime);
    }

    public ServiceProtectionLimits withConcurrent(int concurrent) {
        return new ServiceProtectionLimits(requests, window, concurrent, executionTime);
    }

    public ServiceProtectionLimits withExecutionTime(Duration executionTime) {
        return new ServiceProtectionLimits(requests, window, concurrent, executionTime);
    }
}
