package io.crmbridge.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.crmbridge.events.WriteStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.crmbridge.local.EventsOnABroker.accountCreated;
import static io.crmbridge.local.EventsOnABroker.record;
import static io.crmbridge.local.EventsOnABroker.result;
import static io.crmbridge.local.EventsOnABroker.tokenExpired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConsoleReportIT {

    private static EventsOnABroker kafka;

    @BeforeAll
    static void startBroker() {
        kafka = new EventsOnABroker("crm.changes.account", "crm.changes.contact", "crm.write-results",
                "crm.connection-events");
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void countsCommittedChangesPerTopicResultsByStatusAndConnectionEvents() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (ConsoleReport console = ConsoleReport.start(kafka.bootstrapServers(), kafka.registryUrl(), "crm",
                Duration.ofMillis(200), new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            kafka.send(true, List.of(
                    record("crm.changes.account", accountCreated("00000000-0000-0000-0000-000000000001", "A")),
                    record("crm.changes.account", accountCreated("00000000-0000-0000-0000-000000000002", "B")),
                    record("crm.changes.contact", accountCreated("00000000-0000-0000-0000-000000000003", "C")),
                    record("crm.write-results", result("c1", WriteStatus.SUCCEEDED)),
                    record("crm.write-results", result("c2", WriteStatus.SUCCEEDED)),
                    record("crm.write-results", result("c3", WriteStatus.FAILED)),
                    record("crm.connection-events", tokenExpired())));
            // An aborted transaction is no change at all: read_committed must not count it.
            kafka.send(false, List.of(
                    record("crm.changes.account", accountCreated("00000000-0000-0000-0000-0000000000ab", "X")),
                    record("crm.write-results", result("c4", WriteStatus.FAILED))));
            kafka.send(true, List.of(
                    record("crm.changes.account", accountCreated("00000000-0000-0000-0000-000000000004", "D"))));

            // Held for a while: counting the aborted records too would pass for a moment on the way to 4 and 2.
            await().atMost(Duration.ofSeconds(15)).during(Duration.ofMillis(700)).untilAsserted(() -> {
                assertThat(console.changes("crm.changes.account")).isEqualTo(3);
                assertThat(console.changes("crm.changes.contact")).isEqualTo(1);
                assertThat(console.succeeded()).isEqualTo(2);
                assertThat(console.failed()).isEqualTo(1);
                assertThat(console.connectionEvents()).isEqualTo(1);
            });
        }
    }
}
