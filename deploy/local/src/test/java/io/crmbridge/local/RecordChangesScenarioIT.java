package io.crmbridge.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.events.ChangeType;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.sandbox.dataverse.Dataverse;
import io.crmbridge.sandbox.dataverse.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** User story: a team that lives on Kafka sees every change of a CRM record as an event. */
@ExtendWith(WholeSystem.class)
class RecordChangesScenarioIT {

    private static final String APP = "contoso-app";

    @Test
    void aRecordCreatedUpdatedAndDeletedInTheCrmArrivesAsThreeEvents(LocalStack stack, EventsSeen events) {
        Table accounts = stack.sandbox().dataverse().org(Dataverse.SEEDED_ORG).table("account");

        UUID id = accounts.create(Map.of("name", "Northwind (scenario)"));
        awaitChanges(events, id, ChangeType.CREATED);
        accounts.update(id, Map.of("name", "Northwind Traders (scenario)"));
        awaitChanges(events, id, ChangeType.CREATED, ChangeType.UPDATED);
        accounts.delete(id);
        awaitChanges(events, id, ChangeType.CREATED, ChangeType.UPDATED, ChangeType.DELETED);

        // Exactly three: nothing published twice while the poller goes on polling.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(events.changes(APP, id.toString())).hasSize(3));
        List<RecordChanged> changes = events.changes(APP, id.toString());
        assertThat(changes.get(0).getAttributes()).containsEntry("name", "Northwind (scenario)");
        assertThat(changes.get(1).getAttributes()).containsEntry("name", "Northwind Traders (scenario)");
        assertThat(changes.get(2).getAttributes()).isEmpty();
        assertThat(changes).extracting(RecordChanged::getEntity).containsOnly("account");
        assertThat(changes).extracting(RecordChanged::getEventId).doesNotHaveDuplicates();
        assertThat(changes.get(0).getVersion()).isLessThan(changes.get(1).getVersion());
    }

    private static void awaitChanges(EventsSeen events, UUID id, ChangeType... expected) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(events.changes(APP, id.toString())).extracting(RecordChanged::getChangeType)
                        .containsExactly(expected));
    }
}
