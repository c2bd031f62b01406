package io.crmbridge.crm.webapi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.crm.failure.DataverseError;
import io.crmbridge.crm.failure.FailureKind;
import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.crm.record.EntityRecord;
import io.crmbridge.crm.record.RecordParser;
import io.crmbridge.events.DateTimeValue;
import io.crmbridge.events.DecimalValue;
import io.crmbridge.events.EntityReference;
import io.crmbridge.events.OptionSetValue;
import io.crmbridge.events.OptionSetValues;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Single-record writes against the sandbox, with bodies from RecordBody and reads back through RecordParser. */
class WritesIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static SandboxConnection sandbox;
    private static DataverseConnection dataverse;
    private static Map<String, String> entitySets;
    private static UUID contact;

    @BeforeAll
    static void connect() {
        sandbox = new SandboxConnection("writes");
        dataverse = sandbox.connection;
        entitySets = dataverse.entitySets().block(WAIT).orElseThrow();
        contact = sandbox.org.table("contact").create(Map.of("firstname", "Nancy", "lastname", "Anderson"));
    }

    @Test
    void createsARowWithTypedValuesAndLookupsAndReadsThemBack() {
        byte[] account = RecordBody.create()
                .text("name", "Contoso Pharmaceuticals")
                .decimal("revenue", "12345678901.2300")
                .choice("industrycode", 7)
                .flag("creditonhold", true)
                .number("numberofemployees", 250)
                .moment("lastusedincampaign", Instant.parse("2026-02-03T04:05:06Z"))
                .bind(metadata("account").navigationFor("primarycontactid", "contact"),
                        RecordAddress.byId(entitySets.get("contact"), contact))
                .toJson();

        WriteResponse created = dataverse.write(WriteRequests.create("accounts", account, false)).block(WAIT)
                .orElseThrow();

        assertThat(created.status()).isEqualTo(204);
        EntityRecord read = dataverse.retrieve(parser("account"), RecordAddress.byId("accounts",
                created.id().orElseThrow())).block(WAIT).orElseThrow();
        assertThat(read.attributes())
                .containsEntry("name", "Contoso Pharmaceuticals")
                .containsEntry("revenue", new DecimalValue("12345678901.2300"))
                .containsEntry("industrycode", new OptionSetValue(7, "Consulting"))
                .containsEntry("creditonhold", true)
                .containsEntry("numberofemployees", 250)
                .containsEntry("lastusedincampaign", new DateTimeValue(Instant.parse("2026-02-03T04:05:06Z")))
                .containsEntry("primarycontactid", new EntityReference("contact", contact.toString(),
                        "Nancy Anderson"));
    }

    @Test
    void writesMultiTargetAndCustomLookupsThroughTheirNavigationProperties() {
        UUID account = sandbox.org.table("account").create(Map.of("name", "Customer"));
        RecordAddress customer = RecordAddress.byId(entitySets.get("account"), account);
        byte[] opportunity = RecordBody.create().text("name", "Deal")
                .bind(metadata("opportunity").navigationFor("customerid", "account"), customer).toJson();
        byte[] project = RecordBody.create().text("cr123_name", "Rollout")
                .decimal("cr123_discountrate", "0.1250")
                .choices("cr123_regions", List.of(100000000, 100000002))
                .bind(metadata("cr123_project").navigationFor("cr123_accountid", "account"), customer).toJson();

        WriteResponse deal = dataverse.write(WriteRequests.create("opportunities", opportunity, true))
                .block(WAIT).orElseThrow();
        WriteResponse rollout = dataverse.write(WriteRequests.create("cr123_projects", project, true))
                .block(WAIT).orElseThrow();

        assertThat(deal.created()).isTrue();
        assertThat(parser("opportunity").record(deal.body()).attributes()).containsEntry("name", "Deal");
        // The sandbox returns representations without annotations, so the lookups are read back with a GET.
        assertThat(read("opportunity", "opportunities", deal).attributes()).containsEntry("customerid",
                new EntityReference("account", account.toString(), "Customer"));
        assertThat(read("cr123_project", "cr123_projects", rollout).attributes())
                .containsEntry("cr123_accountid", new EntityReference("account", account.toString(), "Customer"))
                .containsEntry("cr123_discountrate", new DecimalValue("0.1250"))
                .containsEntry("cr123_regions", new OptionSetValues(List.of(
                        new OptionSetValue(100000000, "EMEA"), new OptionSetValue(100000002, "APAC"))));
    }

    @Test
    void updatesWithOptimisticConcurrencyAndRefusesAStaleEtag() {
        UUID id = sandbox.org.table("account").create(Map.of("name", "Versioned"));
        RecordAddress row = RecordAddress.byId("accounts", id);
        String etag = dataverse.retrieve(parser("account"), row, "name").block(WAIT).orElseThrow().etag();

        WriteResponse updated = dataverse.write(WriteRequests.update(row, json("{\"name\":\"Renamed\"}"), etag))
                .block(WAIT).orElseThrow();
        Outcome<WriteResponse> stale = dataverse.write(WriteRequests.update(row, json("{\"name\":\"Lost\"}"), etag))
                .block(WAIT);

        assertThat(updated.status()).isEqualTo(204);
        assertThat(stale).isInstanceOfSatisfying(Outcome.Failure.class, failure -> {
            assertThat(failure.error().status()).isEqualTo(412);
            assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        });
        assertThat(sandbox.org.table("account").get(id).orElseThrow()).containsEntry("name", "Renamed");
    }

    @Test
    void updateOfAMissingRowIsNotAnUpsert() {
        Outcome<WriteResponse> missing = dataverse.write(WriteRequests.update(RecordAddress.byId("accounts",
                UUID.randomUUID()), json("{\"name\":\"Ghost\"}"), "*")).block(WAIT);

        assertThat(missing).isInstanceOfSatisfying(Outcome.Failure.class, failure -> assertThat(
                failure.error().code()).isEqualTo(DataverseError.OBJECT_DOES_NOT_EXIST));
    }

    @Test
    void upsertsByAlternateKeyAndCreatesOnlyWhenAskedTo() {
        RecordAddress byNumber = RecordAddress.byKey("accounts", Map.of("accountnumber", "ALT-1"));

        dataverse.write(WriteRequests.upsert(byNumber, json("{\"name\":\"First\"}"))).block(WAIT).orElseThrow();
        dataverse.write(WriteRequests.upsert(byNumber, json("{\"name\":\"Second\"}"))).block(WAIT).orElseThrow();
        Outcome<WriteResponse> again = dataverse.write(WriteRequests.createAt(byNumber, json("{\"name\":\"Third\"}")))
                .block(WAIT);

        EntityRecord row = dataverse.retrieve(parser("account"), byNumber, "name").block(WAIT).orElseThrow();
        assertThat(row.attributes()).containsEntry("name", "Second");
        assertThat(again).isInstanceOfSatisfying(Outcome.Failure.class, failure -> {
            assertThat(failure.error().status()).isEqualTo(412);
            assertThat(failure.error().code()).isEqualTo(DataverseError.DUPLICATE_RECORD);
        });
    }

    @Test
    void deletesARowAndThenFindsItGone() {
        RecordAddress row = RecordAddress.byId("accounts", sandbox.org.table("account").create(Map.of("name", "Old")));

        assertThat(dataverse.write(WriteRequests.delete(row, null)).block(WAIT).orElseThrow().status())
                .isEqualTo(204);
        Outcome<WriteResponse> again = dataverse.write(WriteRequests.delete(row, null)).block(WAIT);

        assertThat(again).isInstanceOfSatisfying(Outcome.Failure.class, failure ->
                assertThat(failure.error().status()).isEqualTo(404));
    }

    @Test
    void associatesAndDisassociatesThroughRefs() {
        UUID account = sandbox.org.table("account").create(Map.of("name", "Parent"));
        UUID child = sandbox.org.table("contact").create(Map.of("lastname", "Child"));
        RecordAddress parentRow = RecordAddress.byId("accounts", account);
        RecordAddress childRow = RecordAddress.byId("contacts", child);

        dataverse.write(WriteRequests.associate(parentRow, "contact_customer_accounts", childRow)).block(WAIT)
                .orElseThrow();
        assertThat(sandbox.org.table("contact").get(child).orElseThrow())
                .containsEntry("_parentcustomerid_value", account);

        dataverse.write(WriteRequests.disassociate(parentRow, "contact_customer_accounts", childRow)).block(WAIT)
                .orElseThrow();
        assertThat(sandbox.org.table("contact").get(child).orElseThrow())
                .containsEntry("_parentcustomerid_value", null);

        dataverse.write(WriteRequests.setReference(childRow, "parentcustomerid_account", parentRow)).block(WAIT)
                .orElseThrow();
        assertThat(sandbox.org.table("contact").get(child).orElseThrow())
                .containsEntry("_parentcustomerid_value", account);
    }

    private static EntityRecord read(String table, String entitySet, WriteResponse written) {
        String id = parser(table).record(written.body()).id();
        return dataverse.retrieve(parser(table), RecordAddress.byId(entitySet, id)).block(WAIT).orElseThrow();
    }

    private static RecordParser parser(String table) {
        return new RecordParser(metadata(table));
    }

    private static TableMetadata metadata(String table) {
        return dataverse.table(table).block(WAIT).orElseThrow();
    }

    private static byte[] json(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
