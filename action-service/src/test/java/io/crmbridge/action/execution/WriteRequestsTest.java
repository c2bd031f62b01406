package io.crmbridge.action.execution;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.crmbridge.action.command.ColumnValue;
import io.crmbridge.action.command.Commands;
import io.crmbridge.action.command.Operation;
import io.crmbridge.action.command.RecordReference;
import io.crmbridge.action.command.Target;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WriteRequestsTest {

    private static final String ACCOUNT = Commands.ACCOUNT_ID;

    @Test
    void postsACreateWithTheRowIdAndLookupsAsOdataBind() {
        WriteRequest request = WriteRequests.of(Writes.of(Commands.create().commandId("cmd-1")
                .lookups(Map.of("primarycontactid", new RecordReference("contact", Commands.CONTACT_ID)))));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("accounts");
        assertThat(request.body()).isEqualTo("{\"accountid\":\"0dd612b9-7925-547b-8061-36fc0a21a681\","
                + "\"name\":\"Contoso\",\"primarycontactid@odata.bind\":\"/contacts(" + Commands.CONTACT_ID + ")\"}");
    }

    @Test
    void writesTypedValuesInTheWebApiFormats() {
        WriteRequest request = WriteRequests.of(Writes.of(Commands.update().entity("cr123_project")
                .attributes(Map.of("cr123_discountrate", new ColumnValue.Exact("1E+2"),
                        "cr123_regions", new ColumnValue.Choices(List.of(100000000, 100000002)),
                        "cr123_name", new ColumnValue.Empty()))));

        assertThat(request.body()).contains("\"cr123_discountrate\":100", "\"cr123_regions\":\"100000000,100000002\"",
                "\"cr123_name\":null");
        assertThat(WriteRequests.of(Writes.of(Commands.update().attributes(Map.of("lastusedincampaign",
                new ColumnValue.Moment(Instant.parse("2026-03-01T10:15:30Z")))))).body())
                .isEqualTo("{\"lastusedincampaign\":\"2026-03-01T10:15:30Z\"}");
    }

    @Test
    void patchesAnUpdateWithIfMatchStarSoItNeverCreates() {
        WriteRequest request = WriteRequests.of(Writes.of(Commands.update()));

        assertThat(request.method()).isEqualTo("PATCH");
        assertThat(request.path()).isEqualTo("accounts(" + ACCOUNT + ")");
        assertThat(request.headers()).containsEntry("If-Match", "*");
    }

    @Test
    void sendsTheCommandsEtagForOptimisticConcurrency() {
        assertThat(WriteRequests.of(Writes.of(Commands.update().ifMatch("W/\"5\""))).headers())
                .containsEntry("If-Match", "W/\"5\"");
        assertThat(WriteRequests.of(Writes.of(Commands.delete().ifMatch("W/\"5\""))).headers())
                .containsEntry("If-Match", "W/\"5\"");
    }

    @Test
    void patchesAnUpsertByAlternateKeyWithoutIfMatch() {
        WriteRequest request = WriteRequests.of(Writes.of(Commands.update().operation(Operation.UPSERT)
                .target(Target.byKey(Map.of("accountnumber", new ColumnValue.Text("O'Neil & Co"))))));

        assertThat(request.method()).isEqualTo("PATCH");
        assertThat(request.path()).isEqualTo("accounts(accountnumber='O''Neil%20%26%20Co')");
        assertThat(request.headers()).doesNotContainKey("If-Match");
    }

    @Test
    void deletesByIdWithoutBody() {
        WriteRequest request = WriteRequests.of(Writes.of(Commands.delete()));

        assertThat(request).isEqualTo(new WriteRequest("DELETE", "accounts(" + ACCOUNT + ")", Map.of(), null));
    }

    @Test
    void associatesAndDisassociatesThroughRef() {
        WriteRequest associate = WriteRequests.of(Writes.of(Commands.associate()));
        WriteRequest disassociate = WriteRequests.of(Writes.of(Commands.associate()
                .operation(Operation.DISASSOCIATE)));

        assertThat(associate.method()).isEqualTo("POST");
        assertThat(associate.path()).isEqualTo("accounts(" + ACCOUNT + ")/contact_customer_accounts/$ref");
        assertThat(associate.body()).isEqualTo("{\"@odata.id\":\"contacts(" + Commands.CONTACT_ID + ")\"}");
        assertThat(disassociate.method()).isEqualTo("DELETE");
        assertThat(disassociate.path()).isEqualTo("accounts(" + ACCOUNT + ")/contact_customer_accounts("
                + Commands.CONTACT_ID + ")/$ref");
    }
}
