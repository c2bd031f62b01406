package io.crmbridge.poller;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.sandbox.dataverse.Table;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Change tracking's retention (7 days by default) is normal operation: an idle table's delta link is replaced by
 * the one each quiet poll returns at least every quiet-commit-interval, so a table without a change for longer
 * than the retention never needs a re-sync. Its own rig: the test moves the sandbox's clock by days.
 */
class IdleTableIT {

    @AutoClose
    private final PollerRig rig = new PollerRig();

    @Test
    void anIdleTablePolledAcrossEightDaysOfASevenDayRetentionNeverResyncs() {
        try (Scenario scenario = rig.scenario("idle")) {
            Table accounts = scenario.org("idle").table("account");
            UUID first = accounts.create(Map.of("name", "the only change for eight days"));
            scenario.connect("idle").poll("idle", "account", "name")
                    .with("crmbridge.poller.quiet-commit-interval", "1s");
            ConfigurableApplicationContext poller = scenario.startPoller();
            MeterRegistry meters = poller.getBean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(40)).until(() -> scenario.changes("idle", "account").size() == 1);

            for (int day = 1; day <= 8; day++) {
                long commits = commits(meters);
                rig.sandbox().clock().advance(Duration.ofDays(1));
                scenario.grantToken("idle"); // the sandbox's tokens live an hour of its clock
                // A quiet poll after the quiet-commit-interval commits the delta link issued at the new time.
                await().atMost(Duration.ofSeconds(20)).until(() -> commits(meters) > commits + 1);
            }
            UUID created = accounts.create(Map.of("name", "after eight idle days"));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(scenario.changes("idle", "account"))
                    .extracting(c -> c.getRecordId() + " " + c.getChangeType())
                    .containsExactlyInAnyOrder(first + " SNAPSHOT", created + " CREATED")); // two partitions
            assertThat(meters.find("crmbridge.poller.resyncs").counter()).as("never re-synced").isNull();
        }
    }

    private static long commits(MeterRegistry meters) {
        Timer timer = meters.find("crmbridge.poller.commit.duration").timer();
        return timer == null ? 0 : timer.count();
    }
}
