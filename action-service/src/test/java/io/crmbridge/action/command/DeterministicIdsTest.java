package io.crmbridge.action.command;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeterministicIdsTest {

    @Test
    void derivesTheSameVersion5UuidOfTheCommandIdAsEveryProducer() {
        // Python: uuid.uuid5(UUID("6f1c2a4e-93b5-4d0e-9a7c-2f7e5b8d1c30"), "ops-create-account")
        assertThat(DeterministicIds.forCommand("ops-create-account"))
                .isEqualTo(UUID.fromString("19af17c6-8d14-5604-be56-6e405652c8de"));
    }
}
