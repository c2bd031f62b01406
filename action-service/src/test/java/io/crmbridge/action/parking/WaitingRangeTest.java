package io.crmbridge.action.parking;

import java.time.Instant;
import java.util.Map;

import io.crmbridge.crm.connection.ConnectionId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WaitingRangeTest {

    private static final ConnectionId ODD = ConnectionId.of("tenant|a:b=c");
    private static final ConnectionId OTHER = ConnectionId.of("other");
    private final WaitingRange range = new WaitingRange(100, Map.of(
            ODD, new WaitingRange.Backlog(40, Instant.ofEpochMilli(1_000)),
            OTHER, new WaitingRange.Backlog(70, Instant.ofEpochMilli(2_000))));

    @Test
    void commitsTheOldestWaitingRecordAndCarriesTheRestInTheMetadata() {
        assertThat(range.committed()).isEqualTo(40);
        assertThat(WaitingRange.of(range.committed(), range.metadata())).isEqualTo(range);
    }

    @Test
    void aRecordIsDoneWhenReadAndNotAmongItsConnectionsWaitingOnes() {
        assertThat(range.done(ODD, 39)).isTrue();
        assertThat(range.done(ODD, 40)).isFalse();
        assertThat(range.done(ConnectionId.of("third"), 99)).isTrue();
        assertThat(range.done(ConnectionId.of("third"), 100)).isFalse();
    }

    @Test
    void readsAPlainOffsetAsNothingWaitingBeforeIt() {
        assertThat(WaitingRange.of(12, "")).isEqualTo(WaitingRange.startingAt(12)); // Kafka's metadata when none
        assertThat(WaitingRange.of(12, null)).isEqualTo(WaitingRange.startingAt(12));
        assertThat(WaitingRange.of(12, "someone-else|7")).isEqualTo(WaitingRange.startingAt(12));
    }

    @Test
    void fitsTheMostConnectionsItTracksIntoKafkasDefaultMetadataLimit() {
        Map<ConnectionId, WaitingRange.Backlog> many = new java.util.HashMap<>();
        for (int i = 0; i < WaitingRange.MAX_BACKLOGS; i++) {
            many.put(ConnectionId.of("connection-with-a-rather-long-id-" + i), new WaitingRange.Backlog(
                    Long.MAX_VALUE - i, Instant.now()));
        }

        assertThat(new WaitingRange(Long.MAX_VALUE, many).metadata().length()).isLessThan(4096);
    }
}
