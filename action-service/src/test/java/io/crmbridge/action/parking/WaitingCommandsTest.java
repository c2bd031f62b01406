package io.crmbridge.action.parking;

import java.util.Map;

import io.crmbridge.crm.connection.ConnectionId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WaitingCommandsTest {

    private static final ConnectionId CONTOSO = ConnectionId.of("contoso");
    private final WaitingCommands waiting = new WaitingCommands();

    @Test
    void countsParkedCommandsPerPartitionUntilTheyAreReleased() {
        waiting.reset(0, Map.of(CONTOSO, 1));
        WaitingCommands.Changes changes = new WaitingCommands.Changes();
        changes.parked(0, CONTOSO);
        changes.released(0, CONTOSO);
        changes.released(0, CONTOSO);

        waiting.apply(changes);

        assertThat(waiting.has(0, CONTOSO)).isFalse();
        assertThat(waiting.byConnection()).isEmpty();
    }

    @Test
    void aNewCommandQueuesBehindCommandsParkedInTheSameTransactionButNotBehindOtherPartitions() {
        WaitingCommands.Changes changes = new WaitingCommands.Changes();
        changes.parked(1, CONTOSO);

        assertThat(waiting.pending(1, CONTOSO, changes)).isTrue();
        assertThat(waiting.pending(2, CONTOSO, changes)).isFalse();
    }

    @Test
    void replaysWithinATransactionDoNotYetLetNewCommandsPass() {
        waiting.reset(0, Map.of(CONTOSO, 1));
        WaitingCommands.Changes changes = new WaitingCommands.Changes();
        changes.released(0, CONTOSO);

        assertThat(waiting.pending(0, CONTOSO, changes)).isTrue();
    }
}
