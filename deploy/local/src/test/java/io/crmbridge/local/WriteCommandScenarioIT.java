package io.crmbridge.local;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.events.ChangeType;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.events.WriteCommand;
import io.crmbridge.events.WriteResult;
import io.crmbridge.events.WriteStatus;
import io.crmbridge.sandbox.dataverse.Dataverse;
import io.crmbridge.sandbox.dataverse.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** User story: another team writes to the CRM by producing a command, and learns the outcome from one result. */
@ExtendWith(WholeSystem.class)
class WriteCommandScenarioIT {

    private static final String APP = "contoso-app";

    @Test
    void aWriteCommandChangesTheCrmAndProducesOneResult(LocalStack stack, EventsSeen events) throws Exception {
        Table accounts = stack.sandbox().dataverse().org(Dataverse.SEEDED_ORG).table("account");
        UUID id = UUID.randomUUID();
        WriteCommand create = CommandSender.createAccount(APP, id, "Adventure Works (scenario)");

        try (CommandSender sender = new CommandSender(stack)) {
            sender.send(create);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(events.results(create.getCommandId())).hasSize(1));
        WriteResult result = events.results(create.getCommandId()).get(0);
        assertThat(result.getStatus()).as("%s", result).isEqualTo(WriteStatus.SUCCEEDED);
        assertThat(result.getRecordId()).isEqualTo(id.toString());
        assertThat(result.getConnectionId()).isEqualTo(APP);
        assertThat(accounts.get(id)).hasValueSatisfying(row ->
                assertThat(row).containsEntry("name", "Adventure Works (scenario)"));
        // The write comes back as a change, as any other change of the CRM does.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(events.changes(APP, id.toString())).extracting(RecordChanged::getChangeType)
                        .containsExactly(ChangeType.CREATED));
        // One result per command: none more while the service goes on running.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(events.results(create.getCommandId())).hasSize(1));
    }
}
