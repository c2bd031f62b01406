package io.crmbridge.action.execution;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.crmbridge.action.command.ColumnValue;
import io.crmbridge.action.command.Commands;
import io.crmbridge.action.command.Operation;
import io.crmbridge.action.command.RecordReference;
import io.crmbridge.action.command.Target;
import io.crmbridge.crm.webapi.WebApiRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebApiWritesTest {

    private static final String ACCOUNT = Commands.ACCOUNT_ID;
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @Test
    void postsACreateWithTheRowIdAndLookupsAsOdataBind() {
        WriteRequest request = WebApiWrites.of(Writes.of(Commands.create().commandId("cmd-1")
                .lookups(Map.of("primarycontactid", new RecordReference("contact", Commands.CONTACT_ID)))));

        assertThat(request.webApi().method()).isEqualTo("POST");
        assertThat(request.webApi().url()).isEqualTo("accounts");
        assertThat(request.webApi().headers()).isEqualTo(JSON);
        assertThat(request.body()).isEqualTo("{\"accountid\":\"0dd612b9-7925-547b-8061-36fc0a21a681\","
                + "\"name\":\"Contoso\",\"primarycontactid@odata.bind\":\"/contacts(" + Commands.CONTACT_ID + ")\"}");
    }

    @Test
    void writesTypedValuesInTheWebApiFormats() {
        WriteRequest request = WebApiWrites.of(Writes.of(Commands.update().entity("cr123_project")
                .attributes(Map.of("cr123_discountrate", new ColumnValue.Exact("1E+2"),
                        "cr123_regions", new ColumnValue.Choices(List.of(100000000, 100000002)),
                        "cr123_name", new ColumnValue.Empty()))));

        assertThat(request.body()).contains("\"cr123_discountrate\":100", "\"cr123_regions\":\"100000000,100000002\"",
                "\"cr123_name\":null");
        assertThat(WebApiWrites.of(Writes.of(Commands.update().attributes(Map.of("lastusedincampaign",
                new ColumnValue.Moment(Instant.parse("2026-03-01T10:15:30Z")))))).body())
                .isEqualTo("{\"lastusedincampaign\":\"2026-03-01T10:15:30Z\"}");
    }

    @Test
    void patchesAnUpdateWithIfMatchStarSoItNeverCreates() {
        WriteRequest request = WebApiWrites.of(Writes.of(Commands.update()));

        assertThat(request.webApi().method()).isEqualTo("PATCH");
        assertThat(request.webApi().url()).isEqualTo("accounts(" + ACCOUNT + ")");
        assertThat(request.webApi().headers()).isEqualTo(Map.of("Content-Type", "application/json", "If-Match", "*"));
    }

    @Test
    void sendsTheCommandsEtagForOptimisticConcurrency() {
        assertThat(WebApiWrites.of(Writes.of(Commands.update().ifMatch("W/\"5\""))).webApi().headers())
                .containsEntry("If-Match", "W/\"5\"");
        assertThat(WebApiWrites.of(Writes.of(Commands.delete().ifMatch("W/\"5\""))).webApi().headers())
                .isEqualTo(Map.of("If-Match", "W/\"5\""));
        assertThat(WebApiWrites.of(Writes.of(Commands.update().operation(Operation.UPSERT).ifMatch("W/\"5\"")))
                .webApi().headers()).isEqualTo(Map.of("Content-Type", "application/json", "If-Match", "W/\"5\""));
    }

    @Test
    void patchesAnUpsertByAlternateKeyWithoutIfMatch() {
        WriteRequest request = WebApiWrites.of(Writes.of(Commands.update().operation(Operation.UPSERT)
                .target(Target.byKey(Map.of("accountnumber", new ColumnValue.Text("O'Neil & Co"))))));

        assertThat(request.webApi().method()).isEqualTo("PATCH");
        assertThat(request.webApi().url()).isEqualTo("accounts(accountnumber='O''Neil%20%26%20Co')");
        assertThat(request.webApi().headers()).isEqualTo(JSON);
    }

    @Test
    void addressesARowByANumericAlternateKeyWithoutExponent() {
        WriteRequest request = WebApiWrites.of(Writes.of(Commands.update().operation(Operation.UPSERT)
                .entity("cr123_project").attributes(Map.of("cr123_name", new ColumnValue.Text("Rollout")))
                .target(Target.byKey(Map.of("cr123_discountrate", new ColumnValue.Exact("1E+2"))))));

        assertThat(request.webApi().url()).isEqualTo("cr123_projects(cr123_discountrate=100)");
    }

    @Test
    void deletesByIdWithoutBody() {
        WriteRequest request = WebApiWrites.of(Writes.of(Commands.delete()));

        assertThat(request.webApi()).isEqualTo(new WebApiRequest("DELETE", "accounts(" + ACCOUNT + ")", Map.of(),
                null));
        assertThat(request.body()).isNull();
    }

    @Test
    void associatesAndDisassociatesThroughRef() {
        WriteRequest associate = WebApiWrites.of(Writes.of(Commands.associate()));
        WriteRequest disassociate = WebApiWrites.of(Writes.of(Commands.associate()
                .operation(Operation.DISASSOCIATE)));

        assertThat(associate.webApi().method()).isEqualTo("POST");
        assertThat(associate.webApi().url()).isEqualTo("accounts(" + ACCOUNT + ")/contact_customer_accounts/$ref");
        assertThat(associate.webApi().headers()).isEqualTo(JSON);
        assertThat(associate.body()).isEqualTo("{\"@odata.id\":\"contacts(" + Commands.CONTACT_ID + ")\"}");
        assertThat(disassociate.webApi().method()).isEqualTo("DELETE");
        assertThat(disassociate.webApi().url()).isEqualTo("accounts(" + ACCOUNT + ")/contact_customer_accounts("
                + Commands.CONTACT_ID + ")/$ref");
        assertThat(disassociate.webApi().headers()).isEmpty();
        assertThat(disassociate.body()).isNull();
    }
}
