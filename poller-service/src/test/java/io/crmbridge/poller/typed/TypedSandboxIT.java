package io.crmbridge.poller.typed;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.metadata.ColumnMetadata;
import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.crm.record.EntityRecord;
import io.crmbridge.crm.record.RecordParser;
import io.crmbridge.crm.token.AccessTokens;
import io.crmbridge.crm.webapi.DataverseConnection;
import io.crmbridge.crm.webapi.DataverseWebApi;
import io.crmbridge.crm.webapi.RecordAddress;
import io.crmbridge.crm.webapi.WebApiSettings;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.SandboxTls;
import io.crmbridge.sandbox.dataverse.Org;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed mapping of every attribute type the sandbox serves, from its metadata and rows read over HTTPS through
 * crm-client (EntityDefinitions, RecordParser with all annotations), written in Avro binary and read back with the
 * schema's text alone.
 */
class TypedSandboxIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static Sandbox sandbox;
    private static Org org;
    private static DataverseConnection dataverse;

    @BeforeAll
    static void connect() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
        org = sandbox.dataverse().createOrg("typed");
        URI orgUrl = URI.create(org.url());
        AccessTokens tokens = AccessTokens.supplied(orgUrl, id -> new AccessTokens.IssuedToken(
                sandbox.appAccessToken(org.url()), sandbox.clock().instant().plus(Duration.ofHours(1))));
        dataverse = new DataverseWebApi(WebApiSettings.defaults(), tokens,
                DataverseWebApi.httpClient(SandboxTls.trustManagers()), Clock.systemUTC())
                .connection(ConnectionId.of("typed"), orgUrl);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void readsTheSandboxsMetadataWithScalesRangesBehavioursAndTargets() {
        TableMetadata project = dataverse.table("cr123_project").block(WAIT).orElseThrow();

        ColumnMetadata budget = project.describe("cr123_budget").orElseThrow();
        assertThat(budget.decimals().precisionSource()).isEqualTo(2);
        assertThat(budget.scale()).as("currency precision: 4").isEqualTo(4);
        assertThat(budget.totalDigits()).isEqualTo(19);
        assertThat(project.describe("cr123_discountrate").orElseThrow().scale()).isEqualTo(4);
        assertThat(project.describe("cr123_startdate").orElseThrow().dateOnly()).isFalse();
        assertThat(project.describe("cr123_accountid").orElseThrow().targets()).containsExactly("account");
        assertThat(project.describe("cr123_name").orElseThrow().maxLength()).isEqualTo(100);
    }

    @Test
    void mapsEveryColumnOfARowAsTheTableSays() {
        UUID account = org.table("account").create(Map.of("name", "Contoso"));
        UUID id = org.table("cr123_project").create(Map.ofEntries(
                Map.entry("cr123_name", "Roll-out"), Map.entry("cr123_code", "P-1"),
                Map.entry("cr123_accountid", account), Map.entry("cr123_budget", new BigDecimal("1234.56")),
                Map.entry("cr123_discountrate", new BigDecimal("0.1250")), Map.entry("cr123_hours", 40),
                Map.entry("cr123_externalsequence", 9_000_000_000L), Map.entry("cr123_score", 0.75),
                Map.entry("cr123_isbillable", true), Map.entry("cr123_startdate", "2026-03-01T09:30:00Z"),
                Map.entry("cr123_stage", 100000001), Map.entry("cr123_regions", "100000000,100000002")));
        TableMetadata project = dataverse.table("cr123_project").block(WAIT).orElseThrow();
        EntityRecord record = dataverse.retrieve(new RecordParser(project),
                RecordAddress.byId("cr123_projects", id)).block(WAIT).orElseThrow();
        TypedSchemas schemas = TypedSchemas.of(SchemaNames.of("crm", ConnectionId.of("typed"), "cr123_project"),
                project, List.of(), true);

        GenericRecord row = TypedFixtures.roundTrip(TypedValues.of(schemas).row(record.attributes(),
                record.formattedValues()));

        assertThat(row.get("cr123_projectid")).hasToString(id.toString());
        assertThat(row.get("cr123_name")).hasToString("Roll-out");
        assertThat(row.get("cr123_accountid")).hasToString(account.toString());
        assertThat(row.get("cr123_accountid_table")).hasToString("account");
        assertThat(row.get("cr123_accountid_name")).hasToString("Contoso");
        assertThat(decimal(row, "cr123_budget")).hasToString("1234.5600");
        assertThat(decimal(row, "cr123_discountrate")).hasToString("0.1250");
        assertThat(row.get("cr123_hours")).isEqualTo(40);
        assertThat(row.get("cr123_externalsequence")).isEqualTo(9_000_000_000L);
        assertThat(row.get("cr123_score")).isEqualTo(0.75);
        assertThat(row.get("cr123_isbillable")).isEqualTo(true);
        assertThat(row.get("cr123_startdate")).isEqualTo(Instant.parse("2026-03-01T09:30:00Z").toEpochMilli());
        assertThat(row.get("cr123_stage")).isEqualTo(100000001);
        assertThat(row.get("cr123_stage_label")).hasToString("In Progress");
        assertThat(row.get("cr123_regions")).isEqualTo(List.of(100000000, 100000002));
        assertThat(row.get("cr123_regions_labels")).asList().map(Object::toString).containsExactly("EMEA", "APAC");
        assertThat(row.get("statecode")).isEqualTo(0);
        assertThat(row.get("statecode_label")).hasToString("Active");
        assertThat(row.get("versionnumber")).isNotNull();
        assertThat(row.get("createdon")).isNotNull();
    }

    private static BigDecimal decimal(GenericRecord row, String field) {
        Schema bytes = row.getSchema().getField(field).schema().getTypes().get(1);
        return new Conversions.DecimalConversion().fromBytes((ByteBuffer) row.get(field), bytes,
                bytes.getLogicalType());
    }
}
