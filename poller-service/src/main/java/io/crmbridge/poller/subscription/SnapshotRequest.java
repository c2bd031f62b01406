package io.crmbridge.poller.subscription;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot on demand asked for through the admin API or a capture signal: the owning instance re-reads the table
 * and publishes every row as a SNAPSHOT event while changes keep flowing, once per {@code id}.
 *
 * @param id          the request's id (the signal's id, or one the API chose)
 * @param requestedAt when it was asked for
 * @param requestedBy the API caller or the signal's sender
 */
public record SnapshotRequest(String id, Instant requestedAt, String requestedBy) {

    public SnapshotRequest {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a snapshot request needs an id");
        }
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
