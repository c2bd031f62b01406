package io.crmbridge.action.planning;

import java.time.Instant;
import java.util.Objects;

import io.crmbridge.crm.connection.ConnectionId;

/**
 * One record a transaction consumed, as planning sees it: where it lies, its key and bytes, and — for a parked
 * command read from the waiting topic — the connection it counts for and when it was parked.
 *
 * @param countedFor the connection a parked record's header names; null for a fresh command, or when the header
 *                   is missing
 * @param parkedAt   when a parked record started waiting; null for a fresh command
 */
public record Consumed(Partition partition, long offset, String key, byte[] value, ConnectionId countedFor,
                       Instant parkedAt) {

    public Consumed {
        Objects.requireNonNull(partition, "partition");
    }

    /** A record of the commands topic. */
    public static Consumed command(Partition partition, long offset, String key, byte[] value) {
        return new Consumed(partition, offset, key, value, null, null);
    }

    /** A record of the waiting topic, counted for {@code countedFor} (null when its header is missing). */
    public static Consumed parked(Partition partition, long offset, String key, byte[] value, ConnectionId countedFor,
                                  Instant parkedAt) {
        return new Consumed(partition, offset, key, value, countedFor, Objects.requireNonNull(parkedAt, "parkedAt"));
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
