package io.crmbridge.sandbox.admin;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What an injected fault does to a Dataverse or identity request. */
public sealed interface Fault permits Fault.Status, Fault.Latency, Fault.Reset {

    /** The name the admin API uses for this kind of fault. */
    String kind();

    /**
     * Answers at once with {@code status} and an error body in the style of the service that was asked (Dataverse
     * or Entra ID / AD FS), plus {@code Retry-After} when given.
     */
    record Status(int status, Optional<Duration> retryAfter) implements Fault {
        public Status {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("status must be an error status (400-599), was " + status);
            }
            Objects.requireNonNull(retryAfter, "retryAfter");
            retryAfter.filter(Duration::isNegative).ifPresent(negative -> {
                throw new IllegalArgumentException("retryAfter must not be negative");
            });
        }

        public Status(int status) {
            this(status, Optional.empty());
        }

        @Override
        public String kind() {
            return "status";
        }
    }

    /** Holds the request for {@code delay}, then serves it normally; the delay does not block an event loop. */
    record Latency(Duration delay) implements Fault {
        public Latency {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("delay must be positive");
            }
        }

        @Override
        public String kind() {
            return "latency";
        }
    }

    /** Closes the TCP connection without an answer, as a crashed or overloaded front end does. */
    record Reset() implements Fault {
        @Override
        public String kind() {
            return "reset";
        }
    }
}
