package io.crmbridge.schemas.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The build's schema-evolution gate: every contract must stay BACKWARD and FORWARD compatible with its last released
 * version (src/test/resources/released), so producers and consumers can be upgraded in any order.
 */
class SchemaEvolutionTest {

    private static final List<String> TOPIC_CONTRACTS = List.of("AccessTokenGrant", "CaptureEvent",
            "CaptureSignal", "ConnectionDefinition", "ConnectionEvent", "PollCheckpoint", "PolledRecord",
            "RecordChanged", "SubscriptionDefinition", "TokenRequest", "VaultEntry", "WriteCommand", "WriteResult");

    @Test
    void gateCoversTheContractOfEveryTopic() {
        assertThat(Contracts.current().keySet()).containsAll(TOPIC_CONTRACTS);
    }

    @TestFactory
    Stream<DynamicTest> everyContractIsCompatibleBothWaysWithItsReleasedVersion() {
        return Contracts.current().entrySet().stream().map(contract -> DynamicTest.dynamicTest(
                contract.getKey() + " reads and is read by its released version",
                () -> assertCompatibleWithRelease(contract.getKey(), contract.getValue())));
    }

    @Test
    void noReleasedContractHasBeenRemoved() {
        Map<String, Schema> current = Contracts.current();

        assertThat(Contracts.released().keySet())
                .as("released contracts have consumers; removing one breaks them")
                .allSatisfy(name -> assertThat(current).as("contract %s was released", name).containsKey(name));
    }

    private static void assertCompatibleWithRelease(String name, Schema current) {
        Schema released = Contracts.released(name).orElseGet(() -> fail(
                "%s has no released version: add %s/%s.avsc, self-contained (the parsed schema's toString(true))"
                        .formatted(name, Contracts.RELEASED, name)));

        assertThat(CompatibilityGate.breaches(name, released, current))
                .as("breaking changes to %s", name)
                .isEmpty();
    }
}
