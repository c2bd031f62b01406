package io.crmbridge.action.parking;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.crmbridge.crm.connection.ConnectionId;

/**
 * How far a waiting partition has been read, and which of its commands still wait, as committed with its offset:
 * every record below {@code scanned} is done (replayed, failed or dead-lettered) except, for each connection in
 * {@code backlogs}, its records from {@code from} on. The committed offset is the oldest waiting record; the rest
 * travels in the offset's metadata, so a restarted consumer neither replays a command twice nor skips a waiting
 * one, and a connection that still waits never holds back another's replay.
 *
 * @param backlogs per connection still waiting: its first waiting record and when that one was parked
 */
public record WaitingRange(long scanned, Map<ConnectionId, Backlog> backlogs) {

    /** Most connections one partition tracks (the offset metadata is limited to 4 KB by default). */
    public static final int MAX_BACKLOGS = 40;
    private static final String VERSION = "waiting-v1";

    public record Backlog(long from, Instant since) {
    }

    public WaitingRange {
        backlogs = Map.copyOf(backlogs);
    }

    public static WaitingRange startingAt(long offset) {
        return new WaitingRange(offset, Map.of());
    }

    /**
     * The range a committed offset and its metadata describe; an offset without our metadata (null, empty or
     * foreign) means nothing waits before it.
     */
    public static WaitingRange of(long committedOffset, String metadata) {
        if (metadata == null || !metadata.startsWith(VERSION + "|")) {
            return startingAt(committedOffset);
        }
        String[] parts = metadata.split("\\|");
        Map<ConnectionId, Backlog> backlogs = new HashMap<>();
        for (int i = 2; i < parts.length; i++) {
            String[] fields = parts[i].split(":");
            backlogs.put(ConnectionId.of(new String(Base64.getUrlDecoder().decode(fields[0]), StandardCharsets.UTF_8)),
                    new Backlog(Long.parseLong(fields[1]), Instant.ofEpochMilli(Long.parseLong(fields[2]))));
        }
        return new WaitingRange(Long.parseLong(parts[1]), backlogs);
    }

    /** Whether the record of {@code connection} at {@code offset} needs nothing more. */
    public boolean done(ConnectionId connection, long offset) {
        Backlog backlog = connection == null ? null : backlogs.get(connection);
        return offset < scanned && (backlog == null || offset < backlog.from());
    }

    /** The offset to commit: the oldest waiting record, or where reading goes on when nothing waits. */
    public long committed() {
        return backlogs.values().stream().mapToLong(Backlog::from).min().orElse(scanned);
    }

    /** The metadata committed with {@link #committed()}: {@code scanned} and the backlogs. */
    public String metadata() {
        String entries = backlogs.entrySet().stream().map(e -> Base64.getUrlEncoder().withoutPadding()
                .encodeToString(e.getKey().value().getBytes(StandardCharsets.UTF_8)) + ":" + e.getValue().from()
                + ":" + e.getValue().since().toEpochMilli()).collect(Collectors.joining("|"));
        return VERSION + "|" + scanned + (entries.isEmpty() ? "" : "|" + entries);
    }
}
