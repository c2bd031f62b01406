package io.crmbridge.crm.connection;

/**
 * Whether a connection may be used now, as {@link ConnectionAvailability} decides it: {@link Usable}, or one of the
 * three reasons it may not be — {@link Paused} (with why), {@link AwaitingFirstGrant}, {@link Unknown}.
 */
public sealed interface Availability {

    Usable USABLE = new Usable();
    AwaitingFirstGrant AWAITING_FIRST_GRANT = new AwaitingFirstGrant();
    Unknown UNKNOWN = new Unknown();

    /** Requests may be sent with the connection's token. */
    default boolean usable() {
        return this instanceof Usable;
    }

    /** The connection has a working token as far as anyone knows. */
    record Usable() implements Availability {
    }

    /** The connection is known but may not be used until what {@code reason} names changes. */
    record Paused(PauseReason reason) implements Availability {
    }

    /** Tokens come from the token-service's grants and this connection has never had one (nobody connected it). */
    record AwaitingFirstGrant() implements Availability {
    }

    /** No definition of the connection has been read (it may not exist, or its definition has not arrived yet). */
    record Unknown() implements Availability {
    }
}
