package io.crmbridge.action.planning;

/**
 * The position a transaction commits for one partition: the next offset to read, and for a waiting partition the
 * metadata that carries its {@link io.crmbridge.action.parking.WaitingRange} (null for a commands partition).
 */
public record Commit(long offset, String metadata) {

    static Commit past(Consumed last) {
        return new Commit(last.offset() + 1, null);
    }
}
