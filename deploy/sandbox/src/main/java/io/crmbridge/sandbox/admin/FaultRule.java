package io.crmbridge.sandbox.admin;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * When to inject a {@link Fault}: for requests whose path starts with {@code pathPrefix} (e.g. {@code /org/},
 * {@code /adfs/}, {@code /{tenant}/}), for the share of them that {@code selection} picks, at most {@code times}
 * times and for at most {@code lasting} of sandbox time. Build one with {@link #of(Fault)} and the withers.
 */
public record FaultRule(Fault fault, String pathPrefix, Selection selection, OptionalLong times,
                        Optional<Duration> lasting) {

    public FaultRule {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(selection, "selection");
        if (pathPrefix == null || !pathPrefix.startsWith("/")) {
            throw new IllegalArgumentException("pathPrefix must start with /");
        }
        if (times.isPresent() && times.getAsLong() < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        if (lasting.isPresent() && (lasting.get().isNegative() || lasting.get().isZero())) {
            throw new IllegalArgumentException("lasting must be positive");
        }
    }

    /** Every request, until removed. */
    public static FaultRule of(Fault fault) {
        return new FaultRule(fault, "/", new Selection.Share(1.0), OptionalLong.empty(), Optional.empty());
    }

    public FaultRule onPathsStartingWith(String prefix) {
        return new FaultRule(fault, prefix, selection, times, lasting);
    }

    /** A random {@code share} (0 to 1] of the matching requests; 1.0 means all of them. */
    public FaultRule share(double share) {
        return new FaultRule(fault, pathPrefix, new Selection.Share(share), times, lasting);
    }

    /** The n-th, 2n-th, ... matching request: deterministic, for tests. */
    public FaultRule everyNth(int n) {
        return new FaultRule(fault, pathPrefix, new Selection.EveryNth(n), times, lasting);
    }

    /** Injects at most {@code count} times, then lets requests through. */
    public FaultRule times(long count) {
        return new FaultRule(fault, pathPrefix, selection, OptionalLong.of(count), lasting);
    }

    /** Stops injecting once {@code duration} of sandbox time has passed (advancing the clock counts). */
    public FaultRule lasting(Duration duration) {
        return new FaultRule(fault, pathPrefix, selection, times, Optional.of(duration));
    }

    /** Which of the matching requests get the fault. */
    public sealed interface Selection permits Selection.Share, Selection.EveryNth {

        /** Whether the {@code nth} matching request (counted from 1) is picked. */
        boolean picks(long nth, double random);

        record Share(double share) implements Selection {
            public Share {
                if (!(share > 0.0 && share <= 1.0)) {
                    throw new IllegalArgumentException("share must be in (0, 1], was " + share);
                }
            }

            @Override
            public boolean picks(long nth, double random) {
                return random < share;
            }
        }

        record EveryNth(int n) implements Selection {
            public EveryNth {
                if (n < 1) {
                    throw new IllegalArgumentException("every must be at least 1, was " + n);
                }
            }

            @Override
            public boolean picks(long nth, double random) {
                return nth % n == 0;
            }
        }
    }
}
