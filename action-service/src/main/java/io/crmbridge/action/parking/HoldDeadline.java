package io.crmbridge.action.parking;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a command may wait for its connection's token before it fails with {@code TOKEN_EXPIRED}: counted
 * from when it started waiting (was parked).
 */
public record HoldDeadline(Duration maxWait) {

    public HoldDeadline {
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("the hold deadline must be positive");
        }
    }

    public Instant of(Instant parkedAt) {
        return parkedAt.plus(maxWait);
    }

    public boolean passed(Instant parkedAt, Instant now) {
        return !now.isBefore(of(parkedAt));
    }
}
