package io.crmbridge.action.planning;

/**
 * Reads commands from and writes results to record bytes (port): the contracts' wire format lives behind it, so
 * the loop deals in bytes and plain values.
 */
public interface CommandCodec {

    /** The command in the value of a record of {@code topic}; never throws for bad bytes. */
    Decoded decode(String topic, byte[] value);

    /** The value of the result record on {@code topic}. */
    byte[] encode(String topic, Result result);
}
