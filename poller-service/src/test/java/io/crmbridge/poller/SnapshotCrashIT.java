package io.crmbridge.poller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.crmbridge.events.CaptureEvent;
import io.crmbridge.events.CaptureEventType;
import io.crmbridge.events.ChangeType;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.sandbox.admin.ArmedFault;
import io.crmbridge.sandbox.admin.Fault;
import io.crmbridge.sandbox.admin.FaultRule;
import io.crmbridge.sandbox.dataverse.Table;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A snapshot on demand of a 100,000-row table while 200 writes a second go on, asked for through the signal topic,
 * with the instance that runs it killed (SIGKILL) in the middle and its shard taken over by the other instance:
 * every row that existed gets exactly one SNAPSHOT event, every concurrent change arrives, and no record's events
 * ever go back to an older state.
 */
class SnapshotCrashIT {

    private static final int ROWS = 100_000;
    private static final Duration WAIT = Duration.ofSeconds(120);
    @AutoClose
    private static final PollerRig rig = new PollerRig();

    @Test
    void aSnapshotKilledHalfWayUnderWritesGivesEveryRowOneSnapshotEventAndKeepsEachRecordsOrder() throws Exception {
        try (Scenario scenario = rig.scenario("snapshot-kill").withSandboxRegistry()) {
            Table accounts = scenario.org("snapshot-kill").table("account");
            List<UUID> original = new ArrayList<>(ROWS);
            for (int i = 0; i < ROWS; i++) {
                original.add(accounts.create(Map.of("name", "v-1")));
            }
            // From NOW: the first sync only indexes the table, so every SNAPSHOT event is the snapshot's.
            scenario.connect("snapshot-kill").poll("snapshot-kill", "account", "name")
                    .with("crmbridge.poller.defaults.start", "NOW")
                    .with("crmbridge.poller.defaults.page-size", 2000)
                    .with("crmbridge.poller.defaults.interval", "500ms");
            Map<Long, PollerProcess> instances = new HashMap<>();
            for (String name : List.of("first", "second")) {
                PollerProcess process = scenario.startPollerProcess(name);
                instances.put(process.pid(), process);
            }
            AtomicLong version = new AtomicLong();
            UUID marker = original.get(0);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                accounts.update(marker, Map.of("name", "v" + version.incrementAndGet()));
                return !scenario.changes("snapshot-kill", "account").isEmpty();
            });

            Writes writes = new Writes(accounts, original, version);
            ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
            writer.scheduleAtFixedRate(writes::next, 0, 5, TimeUnit.MILLISECONDS); // 200 a second
            // 250 ms a request: a page of 2,000 rows every ~0.3 s, time enough to kill the poller half-way.
            ArmedFault slow = rig.sandbox().faults().add(FaultRule.of(new Fault.Latency(Duration.ofMillis(250)))
                    .onPathsStartingWith("/org/snapshot-kill/"));
            scenario.signalSnapshot("snapshot-kill", "account", "under-writes");
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> scenario.captureEvents(
                    "snapshot-kill", CaptureEventType.SNAPSHOT_PROGRESS).stream().anyMatch(e -> e.getRows() >= 20_000));
            CaptureEvent started = scenario.captureEvents("snapshot-kill", CaptureEventType.SUBSCRIPTION_STARTED)
                    .get(0);
            long owner = Long.parseLong(started.getInstance().substring(0, started.getInstance().indexOf('@')));
            instances.get(owner).kill();
            assertThat(scenario.captureEvents("snapshot-kill", CaptureEventType.SNAPSHOT_COMPLETED))
                    .as("killed in the middle of the snapshot").isEmpty();
            rig.sandbox().faults().remove(slow.id());

            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> !scenario.captureEvents(
                    "snapshot-kill", CaptureEventType.SNAPSHOT_COMPLETED).isEmpty());
            writer.shutdown();
            assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(writes.count()).as("writes went on through the snapshot").isGreaterThan(2_000);

            Map<String, List<RecordChanged>> byRecord = new HashMap<>();
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
                byRecord.clear();
                for (ConsumerRecord<String, Object> r : scenario.changeRecords("snapshot-kill", "account")) {
                    if (r.value() != null) {
                        RecordChanged c = (RecordChanged) r.value();
                        byRecord.computeIfAbsent(c.getRecordId(), id -> new ArrayList<>()).add(c);
                    }
                }
                assertThat(writes.finalStates(accounts)).allSatisfy((id, state) -> assertThat(lastState(byRecord,
                        id)).as("the last event of %s", id).isEqualTo(state));
            });

            Set<String> eventIds = new HashSet<>();
            long snapshotEvents = 0;
            for (List<RecordChanged> events : byRecord.values()) {
                events.forEach(e -> assertThat(eventIds.add(e.getEventId())).as("event %s twice", e.getEventId())
                        .isTrue());
                snapshotEvents += events.stream().filter(e -> e.getChangeType() == ChangeType.SNAPSHOT).count();
                assertThat(versions(events)).as("%s goes back to an older state", events.get(0).getRecordId())
                        .isSorted();
            }
            for (UUID id : original) {
                assertThat(byRecord.getOrDefault(id.toString(), List.of()))
                        .filteredOn(e -> e.getChangeType() == ChangeType.SNAPSHOT).as("SNAPSHOT events of %s", id)
                        .hasSize(1);
            }
            CaptureEvent completed = scenario.captureEvents("snapshot-kill", CaptureEventType.SNAPSHOT_COMPLETED)
                    .get(0);
            assertThat(completed.getSnapshotId()).isEqualTo("under-writes");
            assertThat(completed.getRows()).isEqualTo(snapshotEvents);
            assertThat(scenario.captureEvents("snapshot-kill", CaptureEventType.SUBSCRIPTION_STARTED))
                    .as("the surviving instance took the subscription over").hasSizeGreaterThanOrEqualTo(2)
                    .last().extracting(CaptureEvent::getInstance).isNotEqualTo(started.getInstance());
            assertThat(scenario.tombstoneMismatches("snapshot-kill", "account")).isEmpty();
        }
    }

    /** The name (v&lt;n&gt;) each event carries, deletions as the largest version: the order states were written in. */
    private static List<Long> versions(List<RecordChanged> events) {
        return events.stream().map(e -> e.getChangeType() == ChangeType.DELETED ? Long.MAX_VALUE
                : Long.parseLong(String.valueOf(e.getAttributes().get("name")).substring(1))).toList();
    }

    private static String lastState(Map<String, List<RecordChanged>> byRecord, String id) {
        List<RecordChanged> events = byRecord.getOrDefault(id, List.of());
        if (events.isEmpty()) {
            return "no event";
        }
        RecordChanged last = events.get(events.size() - 1);
        return last.getChangeType() == ChangeType.DELETED ? "deleted" : String.valueOf(last.getAttributes().get("name"));
    }

    /** 200 writes a second: mostly updates of the table's rows, some creates, deletes of rows created meanwhile. */
    private static final class Writes {

        private final Table table;
        private final List<UUID> original;
        private final AtomicLong version;
        private final Random random = new Random(13);
        private final List<UUID> created = new ArrayList<>();
        private final Set<UUID> touched = ConcurrentHashMap.newKeySet();
        private final Set<UUID> deleted = ConcurrentHashMap.newKeySet();
        private long count;

        Writes(Table table, List<UUID> original, AtomicLong version) {
            this.table = table;
            this.original = original;
            this.version = version;
        }

        synchronized void next() {
            count++;
            int dice = random.nextInt(100);
            String name = "v" + version.incrementAndGet();
            if (dice < 8) {
                UUID id = table.create(Map.of("name", name));
                created.add(id);
                touched.add(id);
            } else if (dice < 10 && !created.isEmpty()) {
                UUID id = created.remove(random.nextInt(created.size()));
                table.delete(id);
                deleted.add(id);
            } else {
                UUID id = original.get(random.nextInt(original.size()));
                table.update(id, Map.of("name", name));
                touched.add(id);
            }
        }

        synchronized long count() {
            return count;
        }

        /** Every record written, with the state its last event must show. */
        synchronized Map<String, String> finalStates(Table table) {
            Map<String, String> states = new HashMap<>();
            touched.forEach(id -> states.put(id.toString(), deleted.contains(id) ? "deleted"
                    : String.valueOf(table.get(id).orElseThrow().get("name"))));
            return states;
        }
    }
}
