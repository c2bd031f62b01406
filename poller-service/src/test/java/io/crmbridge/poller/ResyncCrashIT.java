package io.crmbridge.poller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.crmbridge.events.CaptureEventType;
import io.crmbridge.events.ChangeType;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.sandbox.admin.ArmedFault;
import io.crmbridge.sandbox.admin.Fault;
import io.crmbridge.sandbox.admin.FaultRule;
import io.crmbridge.sandbox.dataverse.Org;
import io.crmbridge.sandbox.dataverse.Table;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The record index under SIGKILL: pollers run in JVMs of their own and are killed like crashed pods, with the
 * sandbox drawing ETags and delta tokens from separate counters (its default). A re-sync after an expired token
 * publishes exactly the deletions and updates made meanwhile, also when killed half-way; rows created just before a
 * kill are CREATED after the restart.
 */
class ResyncCrashIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    @AutoClose
    private static final PollerRig rig = new PollerRig();


    @Test
    void aResyncKilledHalfWayStillPublishesExactlyTheDeletionsAndUpdatesMadeWhileTheTokenWasExpired() {
        try (Scenario scenario = rig.scenario("resync-kill").withSandboxRegistry()) {
            Org org = scenario.org("resync-kill");
            Table accounts = org.table("account");
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                ids.add(accounts.create(Map.of("name", "account " + i)));
            }
            scenario.connect("resync-kill").poll("resync-kill", "account", "name")
                    .with("crmbridge.poller.defaults.page-size", 10);
            PollerProcess first = scenario.startPollerProcess("first");
            await().atMost(WAIT).until(() -> scenario.changes("resync-kill", "account").size() == 300);

            org.breakDeltaTokens();
            List<UUID> shuffled = new ArrayList<>(ids);
            Collections.shuffle(shuffled, new Random(11));
            Set<String> deleted = strings(shuffled.subList(0, 50));
            Set<String> updated = strings(shuffled.subList(50, 100));
            shuffled.subList(0, 50).forEach(accounts::delete);
            shuffled.subList(50, 100).forEach(id -> accounts.update(id, Map.of("name", "changed while expired")));
            // 30 re-sync pages at 250 ms each: time enough to kill the poller in the middle.
            ArmedFault slow = rig.sandbox().faults().add(FaultRule.of(new Fault.Latency(Duration.ofMillis(250)))
                    .onPathsStartingWith("/org/resync-kill/"));
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> scenario.changes("resync-kill", "account").size() > 305);
            first.kill();
            List<RecordChanged> atKill = scenario.changes("resync-kill", "account");
            assertThat(atKill).as("killed in the middle of the re-sync").hasSizeLessThan(400)
                    .noneMatch(c -> c.getChangeType() == ChangeType.DELETED);
            rig.sandbox().faults().remove(slow.id());

            scenario.startPollerProcess("second");

            await().atMost(WAIT).untilAsserted(() -> {
                List<RecordChanged> resync = scenario.changes("resync-kill", "account").stream()
                        .filter(c -> c.getChangeType() != ChangeType.SNAPSHOT).toList();
                assertThat(resync).filteredOn(c -> c.getChangeType() == ChangeType.DELETED)
                        .extracting(RecordChanged::getRecordId).containsExactlyInAnyOrderElementsOf(deleted);
                assertThat(resync).filteredOn(c -> c.getChangeType() == ChangeType.UPDATED)
                        .extracting(RecordChanged::getRecordId).containsExactlyInAnyOrderElementsOf(updated);
                assertThat(resync).hasSize(100);
            });
            assertThat(scenario.tombstones("resync-kill", "account")).as("one per reconciled delete").isEqualTo(50);
            assertThat(scenario.captureEvents("resync-kill", CaptureEventType.RESYNC_REQUIRED)).singleElement()
                    .satisfies(e -> assertThat(e.getReasonCode()).isNotBlank());
            assertThat(scenario.captureEvents("resync-kill", CaptureEventType.RESYNC_COMPLETED)).singleElement()
                    .satisfies(e -> {
                        assertThat(e.getDeletes()).isEqualTo(50L);
                        assertThat(e.getRows()).as("records held after the re-sync").isEqualTo(250L);
                    });
            assertThat(scenario.tombstoneMismatches("resync-kill", "account")).isEmpty();
        }
    }

    @Test
    void rowsCreatedJustBeforeAKillArePublishedAsCreatedAfterTheRestart() {
        try (Scenario scenario = rig.scenario("created-kill").withSandboxRegistry()) {
            Table accounts = scenario.org("created-kill").table("account");
            for (int i = 0; i < 20; i++) {
                accounts.create(Map.of("name", "account " + i));
            }
            // One poll a minute: after the initial sync, nothing polls again before the kill.
            scenario.connect("created-kill").poll("created-kill", "account", "name")
                    .with("crmbridge.poller.defaults.interval", "60s");
            PollerProcess first = scenario.startPollerProcess("first");
            await().atMost(WAIT).until(() -> scenario.changes("created-kill", "account").size() == 20);
            List<UUID> created = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                created.add(accounts.create(Map.of("name", "created just before the kill " + i)));
            }
            first.kill();
            assertThat(scenario.changes("created-kill", "account")).hasSize(20);

            scenario.startPollerProcess("second");

            await().atMost(WAIT).untilAsserted(() -> assertThat(scenario.changes("created-kill", "account"))
                    .filteredOn(c -> strings(created).contains(c.getRecordId()))
                    .extracting(RecordChanged::getChangeType)
                    .containsExactly(ChangeType.CREATED, ChangeType.CREATED, ChangeType.CREATED, ChangeType.CREATED,
                            ChangeType.CREATED));
        }
    }

    private static Set<String> strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.toSet());
    }
}
