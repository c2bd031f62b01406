package io.crmbridge.poller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.crmbridge.events.ChangeType;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.sandbox.dataverse.DataverseSettings;
import io.crmbridge.sandbox.dataverse.Org;
import io.crmbridge.sandbox.dataverse.Table;
import io.crmbridge.sandbox.dataverse.TrackingBehaviour;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The poller against each behaviour the reference leaves open or forbids clients to rely on ({@link
 * TrackingBehaviour}): ETags in no order, an initial sync in one page, an empty delta that hands the same token back,
 * rows out of primary-key order. Under each, an initial sync, live creates, updates and deletes, and a re-sync after
 * expired tokens publish every change exactly once, with the right change type.
 */
class SandboxBehavioursIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    @AutoClose
    private static final PollerRig rig = new PollerRig();


    static Stream<Arguments> behaviours() {
        TrackingBehaviour defaults = TrackingBehaviour.defaults();
        return Stream.of(
                Arguments.of("separate", defaults),
                Arguments.of("scrambled", defaults.with(TrackingBehaviour.Etags.SCRAMBLED)),
                Arguments.of("single-page", defaults.with(TrackingBehaviour.InitialPages.SINGLE_PAGE)),
                Arguments.of("same-token", defaults.with(TrackingBehaviour.EmptyDelta.SAME_TOKEN)),
                Arguments.of("shuffled", defaults.with(TrackingBehaviour.InitialOrder.SHUFFLED_WITHIN_PAGES)
                        .with(TrackingBehaviour.Etags.SCRAMBLED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("behaviours")
    void capturesEveryChangeOnceWithItsType(String name, TrackingBehaviour behaviour) {
        String connection = "behaviour-" + name;
        Org org = rig.sandbox().dataverse().createOrg(connection,
                DataverseSettings.defaults().withTracking(behaviour));
        try (Scenario scenario = rig.scenario(connection)) {
            Table accounts = org.table("account");
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ids.add(accounts.create(Map.of("name", "account " + i)));
            }
            scenario.connect(connection).poll(connection, "account", "name")
                    .with("crmbridge.poller.defaults.page-size", 7);
            scenario.startPoller();
            await().atMost(WAIT).until(() -> scenario.changes(connection, "account").size() == 30);

            UUID created = accounts.create(Map.of("name", "created live"));
            accounts.update(ids.get(0), Map.of("name", "updated live"));
            accounts.delete(ids.get(1));
            await().atMost(WAIT).until(() -> scenario.changes(connection, "account").size() == 33);

            org.breakDeltaTokens();
            accounts.update(ids.get(2), Map.of("name", "updated while expired"));
            accounts.delete(ids.get(3));
            UUID createdWhileExpired = accounts.create(Map.of("name", "created while expired"));
            await().atMost(WAIT).until(() -> scenario.changes(connection, "account").size() >= 36);

            List<String> events = scenario.changes(connection, "account").stream()
                    .map(c -> c.getRecordId() + " " + c.getChangeType()).toList();
            // Records on different partitions come in no order: compare as sets (one key per partition keeps its own).
            assertThat(events).filteredOn(e -> e.endsWith(" SNAPSHOT")).hasSize(30);
            assertThat(events).filteredOn(e -> !e.endsWith(" SNAPSHOT")).containsExactlyInAnyOrder(
                    created + " CREATED", ids.get(0) + " UPDATED", ids.get(1) + " DELETED",
                    ids.get(2) + " UPDATED", ids.get(3) + " DELETED", createdWhileExpired + " CREATED");
            assertLatestVersionsPublished(scenario.changes(connection, "account"), accounts);
        }
    }

    /** Every live row's current versionnumber was published, each change once. */
    private static void assertLatestVersionsPublished(List<RecordChanged> changes, Table table) {
        Set<String> seen = new HashSet<>();
        for (RecordChanged change : changes) {
            String key = change.getRecordId() + "@" + (change.getChangeType() == ChangeType.DELETED ? "deleted"
                    : change.getVersion());
            assertThat(seen.add(key)).as("published once: %s", key).isTrue();
        }
        Set<String> rows = new HashSet<>();
        changes.forEach(c -> rows.add(c.getRecordId()));
        long live = 0;
        for (String id : rows) {
            var values = table.get(UUID.fromString(id));
            if (values.isPresent()) {
                live++;
                assertThat(seen).as("current version of %s", id).contains(id + "@" + values.get().get("versionnumber"));
            }
        }
        assertThat(live).as("every live row").isEqualTo(table.count());
    }
}
