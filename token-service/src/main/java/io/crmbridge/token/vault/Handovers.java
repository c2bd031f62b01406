package io.crmbridge.token.vault;

/**
 * Passes work done on this instance to the owner of the connection, whichever instance that is (port): it lands in
 * the connection's vault partition, which only the owner consumes.
 */
public interface Handovers {

    /** Hands {@code handover} over; returns once it is durably written. */
    void handOver(Handover handover);
}
