package io.crmbridge.poller.typed;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.events.DateTimeValue;
import io.crmbridge.events.DecimalValue;
import io.crmbridge.events.EntityReference;
import io.crmbridge.events.OptionSetValue;
import io.crmbridge.events.OptionSetValues;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import static io.crmbridge.poller.typed.TypedFixtures.CONTOSO;
import static io.crmbridge.poller.typed.TypedFixtures.project;
import static io.crmbridge.poller.typed.TypedFixtures.roundTrip;
import static io.crmbridge.poller.typed.TypedFixtures.schemas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TypedValuesTest {

    private static final String ID = "7f8e5c2a-34cb-ed11-b596-0022481d68cd";
    private static final String ACCOUNT = "70bf4d48-34cb-ed11-b596-0022481d68cd";

    private final TypedSchemas schemas = schemas();
    private final TypedValues values = TypedValues.of(schemas);

    @Test
    void writesEachTypeAsItsFieldHoldsItAndReadsItBackWithTheSchemaAlone() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("cr123_projectid", ID);
        attributes.put("cr123_name", "Roll-out");
        attributes.put("cr123_notes", "two\nlines");
        attributes.put("cr123_hours", 40);
        attributes.put("cr123_externalsequence", 9_000_000_000L);
        attributes.put("cr123_score", 0.75);
        attributes.put("cr123_isbillable", true);
        attributes.put("cr123_startdate", new DateTimeValue(Instant.parse("2026-03-01T00:00:00Z")));
        attributes.put("modifiedon", new DateTimeValue(Instant.parse("2026-12-07T10:15:30.250Z")));
        attributes.put("cr123_externalkey", "A1B2C3D4-0000-0000-0000-000000000001");
        attributes.put("objecttypecode", "cr123_project");

        GenericRecord row = roundTrip(values.row(attributes, Map.of()));

        assertThat(row.get("cr123_projectid")).hasToString(ID);
        assertThat(row.get("cr123_name")).hasToString("Roll-out");
        assertThat(row.get("cr123_notes")).hasToString("two\nlines");
        assertThat(row.get("cr123_hours")).isEqualTo(40);
        assertThat(row.get("cr123_externalsequence")).isEqualTo(9_000_000_000L);
        assertThat(row.get("cr123_score")).isEqualTo(0.75);
        assertThat(row.get("cr123_isbillable")).isEqualTo(true);
        assertThat(row.get("cr123_startdate")).as("days since 1970-01-01")
                .isEqualTo((int) LocalDate.of(2026, 3, 1).toEpochDay());
        assertThat(row.get("modifiedon")).isEqualTo(Instant.parse("2026-12-07T10:15:30.250Z").toEpochMilli());
        assertThat(row.get("cr123_externalkey")).as("lower case, as every GUID of the contracts")
                .hasToString("a1b2c3d4-0000-0000-0000-000000000001");
        assertThat(row.get("objecttypecode")).hasToString("cr123_project");
        assertThat(row.get("cr123_budget")).as("a column the row lacks").isNull();
    }

    @Test
    void keepsMoneyExactAtTheColumnsScaleThroughBinaryEncoding() {
        GenericRecord row = roundTrip(values.row(Map.of("cr123_budget", new DecimalValue("1234.56")), Map.of()));

        assertThat(decimal(row, "cr123_budget")).isEqualTo(new BigDecimal("1234.5600"));
        assertThat(decimal(row, "cr123_budget")).hasToString("1234.5600");
    }

    @Test
    void readsMoneyWrittenAtFourDecimalsAsDataverseReturnsIt() {
        GenericRecord row = roundTrip(values.row(Map.of("cr123_budget", new DecimalValue("1234.5600"),
                "cr123_discountrate", new DecimalValue("-12.5")), Map.of()));

        assertThat(decimal(row, "cr123_budget")).hasToString("1234.5600");
        assertThat(decimal(row, "cr123_discountrate")).hasToString("-12.5000");
    }

    @Test
    void refusesMoreDecimalsThanTheScaleNamingTheColumn() {
        assertThatThrownBy(() -> values.row(Map.of("cr123_budget", new DecimalValue("1234.56789")), Map.of()))
                .isInstanceOfSatisfying(TypedMappingException.ValueDoesNotFit.class, e -> {
                    assertThat(e.column()).isEqualTo("cr123_budget");
                    assertThat(e.table()).isEqualTo("cr123_project");
                })
                .hasMessageContaining("scale 4")
                .hasMessageNotContaining("1234.56789");
    }

    @Test
    void refusesAValueWithMoreDigitsThanThePrecisionNamingTheColumn() {
        assertThatThrownBy(() -> values.row(Map.of("cr123_discountrate", new DecimalValue("1000.5")), Map.of()))
                .isInstanceOfSatisfying(TypedMappingException.ValueDoesNotFit.class,
                        e -> assertThat(e.column()).isEqualTo("cr123_discountrate"))
                .hasMessageContaining("precision 7");
    }

    @Test
    void refusesADateOnlyValueWithATimeOfDay() {
        assertThatThrownBy(() -> values.row(Map.of("cr123_startdate",
                new DateTimeValue(Instant.parse("2026-03-01T08:00:00Z"))), Map.of()))
                .isInstanceOfSatisfying(TypedMappingException.ValueDoesNotFit.class,
                        e -> assertThat(e.column()).isEqualTo("cr123_startdate"));
    }

    @Test
    void refusesAValueOfAnotherKind() {
        assertThatThrownBy(() -> values.row(Map.of("cr123_hours", "forty"), Map.of()))
                .isInstanceOfSatisfying(TypedMappingException.ValueDoesNotFit.class,
                        e -> assertThat(e.column()).isEqualTo("cr123_hours"));
        assertThatThrownBy(() -> values.row(Map.of("cr123_hours", 3_000_000_000L), Map.of()))
                .isInstanceOf(TypedMappingException.ValueDoesNotFit.class);
    }

    @Test
    void writesLookupsAsTheirIdTargetTableAndName() {
        GenericRecord row = roundTrip(values.row(Map.of(
                "cr123_accountid", new EntityReference("account", ACCOUNT, "Contoso"),
                "ownerid", new EntityReference("team", ID, null)), Map.of("ownerid", "Sales team")));

        assertThat(row.get("cr123_accountid")).hasToString(ACCOUNT);
        assertThat(row.get("cr123_accountid_table")).hasToString("account");
        assertThat(row.get("cr123_accountid_name")).hasToString("Contoso");
        assertThat(row.get("ownerid_table")).as("from lookuplogicalname").hasToString("team");
        assertThat(row.get("ownerid_name")).as("from the formatted value").hasToString("Sales team");
    }

    @Test
    void leavesTheTargetTableNullWhenTheParserCouldNotTellIt() {
        GenericRecord row = roundTrip(values.row(Map.of("ownerid", new EntityReference("", ID, null)), Map.of()));

        assertThat(row.get("ownerid")).hasToString(ID);
        assertThat(row.get("ownerid_table")).isNull();
        assertThat(row.get("ownerid_name")).isNull();
    }

    @Test
    void writesChoicesWithTheirLabels() {
        GenericRecord row = roundTrip(values.row(Map.of(
                "cr123_stage", new OptionSetValue(100000001, "In Progress"),
                "statecode", new OptionSetValue(0, null)), Map.of("statecode", "Active")));

        assertThat(row.get("cr123_stage")).isEqualTo(100000001);
        assertThat(row.get("cr123_stage_label")).hasToString("In Progress");
        assertThat(row.get("statecode")).isEqualTo(0);
        assertThat(row.get("statecode_label")).as("from the formatted value").hasToString("Active");
    }

    @Test
    void writesMultiSelectChoicesAsArraysOfValuesAndLabels() {
        GenericRecord row = roundTrip(values.row(Map.of("cr123_regions", new OptionSetValues(List.of(
                new OptionSetValue(100000000, "EMEA"), new OptionSetValue(100000002, "APAC")))), Map.of()));

        assertThat(row.get("cr123_regions")).isEqualTo(List.of(100000000, 100000002));
        assertThat(row.get("cr123_regions_labels")).asList().map(Object::toString).containsExactly("EMEA", "APAC");
    }

    @Test
    void leavesMultiSelectLabelsNullUnlessEveryValueHasOne() {
        GenericData.Record row = values.row(Map.of("cr123_regions", new OptionSetValues(List.of(
                new OptionSetValue(100000000, "EMEA"), new OptionSetValue(100000002, null)))), Map.of());

        assertThat(row.get("cr123_regions_labels")).isNull();
    }

    @Test
    void writesTheKeyAndAKeyOnlyRowForDeletes() {
        GenericRecord key = roundTrip(values.key(ID.toUpperCase()));
        GenericRecord before = roundTrip(values.keyOnlyRow(ID));

        assertThat(key.get("cr123_projectid")).hasToString(ID);
        assertThat(before.get("cr123_projectid")).hasToString(ID);
        assertThat(before.get("cr123_name")).isNull();
    }

    @Test
    void wrapsRowsInTheEnvelopeWithTheirSource() {
        GenericData.Record after = values.row(Map.of("cr123_projectid", ID, "cr123_budget",
                new DecimalValue("1234.5600")), Map.of());
        Instant changedAt = Instant.parse("2026-12-07T10:15:30Z");

        GenericRecord envelope = roundTrip(values.envelope(Operation.UPDATE, null, after,
                new ChangeSource("contoso-app", "https://contoso.crm.dynamics.com", "cr123_project", 536530L,
                        changedAt, "CHANGE_TRACKING", ChangeSource.Snapshot.FALSE),
                Instant.parse("2026-12-07T10:15:31Z")));

        assertThat(envelope.get("op")).hasToString("u");
        assertThat(envelope.get("before")).isNull();
        assertThat(decimal((GenericRecord) envelope.get("after"), "cr123_budget")).hasToString("1234.5600");
        GenericRecord source = (GenericRecord) envelope.get("source");
        assertThat(source.get("connector")).hasToString("crm-bridge");
        assertThat(source.get("connection")).hasToString("contoso-app");
        assertThat(source.get("org")).hasToString("https://contoso.crm.dynamics.com");
        assertThat(source.get("version")).isEqualTo(536530L);
        assertThat(source.get("changedAt")).isEqualTo(changedAt.toEpochMilli());
        assertThat(source.get("capture")).hasToString("CHANGE_TRACKING");
        assertThat(source.get("snapshot")).hasToString("false");
        assertThat(envelope.get("ts_ms")).isEqualTo(Instant.parse("2026-12-07T10:15:31Z").toEpochMilli());
    }

    @Test
    void writesNullForAFieldKeptForARemovedColumnAndOldReadersSkipNewColumns() {
        TypedSchemas old = TypedSchemas.of(CONTOSO, project(), List.of("cr123_name", "cr123_hours"), true);
        TypedSchemas next = TypedSchemas.of(CONTOSO, project(), List.of("cr123_name", "cr123_budget"), true)
                .evolved(old.row());
        Map<String, Object> attributes = Map.of("cr123_projectid", ID, "cr123_name", "Roll-out",
                "cr123_hours", 40, "cr123_budget", new DecimalValue("10.5"));

        GenericData.Record written = TypedValues.of(next).row(attributes, Map.of());
        GenericRecord asOldReaderSees = TypedFixtures.read(TypedFixtures.write(written), next.row().toString(),
                old.row().toString());
        GenericRecord oldData = TypedFixtures.read(TypedFixtures.write(TypedValues.of(old).row(attributes,
                Map.of())), old.row().toString(), next.row().toString());

        assertThat(written.get("cr123_hours")).as("column removed, field kept").isNull();
        assertThat(asOldReaderSees.get("cr123_name")).hasToString("Roll-out");
        assertThat(asOldReaderSees.getSchema().getField("cr123_budget")).isNull();
        assertThat(oldData.get("cr123_hours")).isEqualTo(40);
        assertThat(oldData.get("cr123_budget")).as("new column, default null").isNull();
    }

    private static BigDecimal decimal(GenericRecord row, String field) {
        Schema bytes = row.getSchema().getField(field).schema().getTypes().get(1);
        LogicalType decimal = bytes.getLogicalType();
        return new Conversions.DecimalConversion().fromBytes(((ByteBuffer) row.get(field)).duplicate(), bytes,
                decimal);
    }
}
