package io.crmbridge.poller;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.events.CaptureEvent;
import io.crmbridge.events.CaptureEventType;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.sandbox.dataverse.CustomColumn;
import io.crmbridge.sandbox.dataverse.Org;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A maker adds a column to a subscribed table while the poller runs (the sandbox's {@link Org#addColumn}, over
 * HTTPS, with a real broker): the owner reads the table's metadata anew every metadata refresh (1 s here),
 * publishes SCHEMA_CHANGED once naming the column, and rows written with it afterwards carry it; deleting the
 * column again publishes a second SCHEMA_CHANGED naming it as removed.
 */
class ColumnAddedIT {

    private static final String CONNECTION = "widened";
    private static PollerRig rig;
    private static Scenario scenario;

    @BeforeAll
    static void start() {
        rig = new PollerRig();
        scenario = rig.scenario("columns");
        // Every column: no select, so the new column is one of the subscription's.
        scenario.connect(CONNECTION)
                .with("crmbridge.poller.connections." + CONNECTION + ".tables.account.interval", "200ms")
                .with("crmbridge.poller.metadata-refresh", "1s");
    }

    @AfterAll
    static void stop() {
        scenario.close();
        rig.close();
    }

    @Test
    void publishesSchemaChangedOnceForAColumnAddedMidRunAndRowsWrittenAfterwardsCarryIt() {
        Org org = scenario.org(CONNECTION);
        UUID before = org.table("account").create(Map.of("name", "Before the column"));
        scenario.startPoller();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(scenario.changes(CONNECTION, "account"))
                .extracting(RecordChanged::getRecordId).containsExactly(before.toString()));
        assertThat(scenario.captureEvents(CONNECTION, CaptureEventType.SCHEMA_CHANGED)).isEmpty();

        org.addColumn("account", CustomColumn.text("cr123_tier", 20));

        await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> assertThat(
                scenario.captureEvents(CONNECTION, CaptureEventType.SCHEMA_CHANGED)).hasSize(1));
        CaptureEvent changed = scenario.captureEvents(CONNECTION, CaptureEventType.SCHEMA_CHANGED).get(0);
        assertThat(changed.getTable()).isEqualTo("account");
        assertThat(changed.getColumnsAdded()).containsExactly("cr123_tier");
        assertThat(changed.getColumnsRemoved()).isEmpty();

        UUID after = org.table("account").create(Map.of("name", "After the column", "cr123_tier", "Gold"));

        await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> assertThat(scenario.changes(CONNECTION, "account"))
                .filteredOn(change -> change.getRecordId().equals(after.toString())).singleElement()
                .satisfies(change -> assertThat(change.getAttributes()).containsEntry("cr123_tier", "Gold")
                        .containsEntry("name", "After the column")));
        // Three more refreshes find the same columns: no second SCHEMA_CHANGED.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                scenario.captureEvents(CONNECTION, CaptureEventType.SCHEMA_CHANGED).size() == 1);

        org.removeColumn("account", "cr123_tier");

        await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> assertThat(
                scenario.captureEvents(CONNECTION, CaptureEventType.SCHEMA_CHANGED)).hasSize(2).last()
                .satisfies(removed -> {
                    assertThat(removed.getColumnsRemoved()).containsExactly("cr123_tier");
                    assertThat(removed.getColumnsAdded()).isEmpty();
                }));
    }
}
