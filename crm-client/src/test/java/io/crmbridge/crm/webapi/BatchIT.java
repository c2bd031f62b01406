package io.crmbridge.crm.webapi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.crm.failure.DataverseError;
import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.crm.record.RecordParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** $batch against the sandbox: one answer per request, atomic change sets, stop at the first failure. */
class BatchIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static SandboxConnection sandbox;

    @BeforeAll
    static void connect() {
        sandbox = new SandboxConnection("batch");
    }

    @Test
    void answersEveryRequestWithContinueOnError() {
        UUID existing = sandbox.org.table("account").create(Map.of("name", "Existing"));
        UUID created = UUID.randomUUID();
        Batch batch = Batch.builder()
                .add(WriteRequests.create("accounts", json("{\"accountid\":\"" + created + "\",\"name\":\"New\"}"),
                        false))
                .add(WriteRequests.create("accounts", json("{\"name\":\"" + "x".repeat(200) + "\"}"), false))
                .add(WriteRequests.update(RecordAddress.byId("accounts", existing), json("{\"name\":\"Renamed\"}"),
                        "*"))
                .add(WebApiRequest.get("accounts(" + existing + ")?$select=name"))
                .build();

        BatchResponse response = sandbox.connection.batch(batch, true).block(WAIT).orElseThrow();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.parts()).hasSize(4);
        assertThat(WriteResponse.of(response.parts().get(0).response().orElseThrow()).id())
                .contains(created.toString());
        assertThat(response.parts().get(1).error().orElseThrow().code()).isEqualTo(DataverseError.VALIDATION);
        assertThat(response.parts().get(2).succeeded()).isTrue();
        byte[] read = response.parts().get(3).response().orElseThrow().body();
        assertThat(new RecordParser(TableMetadata.minimal("account", "accounts")).record(read).attributes())
                .containsEntry("name", "Renamed");
        assertThat(sandbox.org.table("account").get(created)).isPresent();
    }

    @Test
    void rollsBackAChangeSetWhenOneOfItsRequestsFails() {
        UUID contact = UUID.randomUUID();
        Batch batch = Batch.builder()
                .changeSet(List.of(
                        WriteRequests.create("contacts", json("{\"contactid\":\"" + contact + "\",\"lastname\":\"A\"}"),
                                false),
                        WriteRequests.update(RecordAddress.byId("accounts", UUID.randomUUID()),
                                json("{\"name\":\"Ghost\"}"), "*")))
                .add(WriteRequests.create("accounts", json("{\"name\":\"After the change set\"}"), false))
                .build();

        BatchResponse response = sandbox.connection.batch(batch, true).block(WAIT).orElseThrow();

        assertThat(response.parts().get(0).succeeded()).isFalse();
        assertThat(response.parts().get(1).error().orElseThrow().code())
                .isEqualTo(DataverseError.OBJECT_DOES_NOT_EXIST);
        assertThat(response.parts().get(2).succeeded()).isTrue();
        assertThat(sandbox.org.table("contact").get(contact)).isEmpty();
    }

    @Test
    void refersToARowCreatedEarlierInTheSameChangeSet() {
        UUID account = sandbox.org.table("account").create(Map.of("name", "Employer"));
        Batch batch = Batch.builder()
                .changeSet(List.of(
                        WriteRequests.create("contacts", json("{\"lastname\":\"Referenced\"}"), false),
                        WebApiRequest.json("PATCH", "$1", json("{\"parentcustomerid_account@odata.bind\":\"/accounts("
                                + account + ")\"}")).withHeader("If-Match", "*")))
                .build();

        BatchResponse response = sandbox.connection.batch(batch, true).block(WAIT).orElseThrow();

        assertThat(response.allSucceeded()).isTrue();
        String contact = WriteResponse.of(response.parts().get(0).response().orElseThrow()).id().orElseThrow();
        assertThat(sandbox.org.table("contact").get(UUID.fromString(contact)).orElseThrow())
                .containsEntry("_parentcustomerid_value", account);
    }

    @Test
    void stopsAtTheFirstFailureWithoutContinueOnError() {
        UUID after = UUID.randomUUID();
        Batch batch = Batch.builder()
                .add(WriteRequests.create("accounts", json("{\"name\":\"Before\"}"), false))
                .add(WriteRequests.delete(RecordAddress.byId("accounts", UUID.randomUUID()), null))
                .add(WriteRequests.create("accounts", json("{\"accountid\":\"" + after + "\",\"name\":\"After\"}"),
                        false))
                .build();

        BatchResponse response = sandbox.connection.batch(batch, false).block(WAIT).orElseThrow();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.stoppedBy().orElseThrow().status()).isEqualTo(404);
        assertThat(response.allSucceeded()).isFalse();
        assertThat(sandbox.org.table("account").get(after)).isEmpty();
    }

    private static byte[] json(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
