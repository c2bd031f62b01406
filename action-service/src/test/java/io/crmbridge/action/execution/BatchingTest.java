package io.crmbridge.action.execution;

import java.util.List;

import io.crmbridge.action.command.Commands;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchingTest {

    @Test
    void putsTheNthWriteOfEachRowIntoTheNthWave() {
        Job a1 = job(1, "a");
        Job b1 = job(2, "b");
        Job a2 = job(3, "a");
        Job c1 = job(4, "c");
        Job a3 = job(5, "a");
        Job b2 = job(6, "b");

        assertThat(Batching.waves(List.of(a1, b1, a2, c1, a3, b2)))
                .containsExactly(List.of(a1, b1, c1), List.of(a2, b2), List.of(a3));
    }

    @Test
    void cutsAWaveIntoChunksOfAtMostTheBatchSize() {
        assertThat(Batching.chunks(List.of(1, 2, 3, 4, 5, 6, 7), 3))
                .containsExactly(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7));
    }

    private static Job job(long ticket, String key) {
        return new Job(ticket, Writes.of(Commands.update()), key);
    }
}
