package io.crmbridge.poller.typed;

import java.util.List;
import java.util.stream.Stream;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.metadata.ColumnMetadata;
import io.crmbridge.crm.metadata.ColumnType;
import io.crmbridge.crm.metadata.TableMetadata;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.crmbridge.poller.typed.TypedFixtures.CONTOSO;
import static io.crmbridge.poller.typed.TypedFixtures.project;
import static io.crmbridge.poller.typed.TypedFixtures.schemas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TypedSchemasTest {

    /** The mapping table of {@link ColumnMapping}, one row per Dataverse attribute type: column → field types. */
    static Stream<Arguments> mapping() {
        return Stream.of(
                Arguments.of("String", "cr123_name", "\"string\""),
                Arguments.of("Memo", "cr123_notes", "\"string\""),
                Arguments.of("Integer", "cr123_hours", "\"int\""),
                Arguments.of("BigInt", "cr123_externalsequence", "\"long\""),
                Arguments.of("Double", "cr123_score", "\"double\""),
                Arguments.of("Money (currency precision)", "cr123_budget",
                        "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":19,\"scale\":4}"),
                Arguments.of("Decimal", "cr123_discountrate",
                        "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":7,\"scale\":4}"),
                Arguments.of("Boolean", "cr123_isbillable", "\"boolean\""),
                Arguments.of("DateTime DateOnly", "cr123_startdate", "{\"type\":\"int\",\"logicalType\":\"date\"}"),
                Arguments.of("DateTime UserLocal", "modifiedon",
                        "{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}"),
                Arguments.of("Uniqueidentifier", "cr123_externalkey", "{\"type\":\"string\",\"logicalType\":\"uuid\"}"),
                Arguments.of("Lookup", "cr123_accountid", "{\"type\":\"string\",\"logicalType\":\"uuid\"}"),
                Arguments.of("Lookup: target table", "cr123_accountid_table", "\"string\""),
                Arguments.of("Lookup: name", "cr123_accountid_name", "\"string\""),
                Arguments.of("Owner", "ownerid", "{\"type\":\"string\",\"logicalType\":\"uuid\"}"),
                Arguments.of("Owner: target table", "ownerid_table", "\"string\""),
                Arguments.of("Picklist", "cr123_stage", "\"int\""),
                Arguments.of("Picklist: label", "cr123_stage_label", "\"string\""),
                Arguments.of("State", "statecode", "\"int\""),
                Arguments.of("State: label", "statecode_label", "\"string\""),
                Arguments.of("MultiSelectPicklist", "cr123_regions", "{\"type\":\"array\",\"items\":\"int\"}"),
                Arguments.of("MultiSelectPicklist: labels", "cr123_regions_labels",
                        "{\"type\":\"array\",\"items\":\"string\"}"),
                Arguments.of("EntityName (other types)", "objecttypecode", "\"string\""));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("mapping")
    void mapsEachDataverseTypeToItsNullableField(String dataverseType, String field, String avroType) {
        Schema.Field mapped = schemas().row().getField(field);

        assertThat(mapped).as(field).isNotNull();
        assertThat(mapped.schema().toString()).isEqualTo("[\"null\"," + avroType + "]");
        assertThat(mapped.hasDefaultValue()).isTrue();
        assertThat(mapped.defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
    }

    @Test
    void putsThePrimaryKeyFirstAndTheOtherColumnsInLogicalNameOrder() {
        List<String> fields = schemas().row().getFields().stream().map(Schema.Field::name).toList();

        assertThat(fields.get(0)).isEqualTo("cr123_projectid");
        assertThat(fields).containsSubsequence("cr123_accountid", "cr123_budget", "cr123_discountrate",
                "modifiedon", "objecttypecode", "ownerid", "statecode");
    }

    @Test
    void leavesOutColumnsThatOnlyMirrorAnotherWhenEveryColumnIsSelected() {
        assertThat(schemas().row().getField("owneridname")).isNull();
    }

    @Test
    void carriesOnlyTheSelectedColumnsAndAlwaysThePrimaryKey() {
        Schema row = TypedSchemas.of(CONTOSO, project(), List.of("cr123_name", "cr123_budget"), true).row();

        assertThat(row.getFields()).extracting(Schema.Field::name)
                .containsExactly("cr123_projectid", "cr123_budget", "cr123_name");
    }

    @Test
    void givesLookupsANameFieldOnlyWithFormattedValues() {
        Schema row = TypedSchemas.of(CONTOSO, project(), List.of("ownerid"), false).row();

        assertThat(row.getFields()).extracting(Schema.Field::name)
                .containsExactly("cr123_projectid", "ownerid", "ownerid_table");
    }

    @Test
    void refusesASelectedColumnTheMetadataDoesNotName() {
        assertThatThrownBy(() -> TypedSchemas.of(CONTOSO, project(), List.of("cr123_missing"), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cr123_missing");
    }

    @Test
    void refusesColumnsWhoseFieldsWouldCollide() {
        TableMetadata table = TableMetadata.described("account", "accounts", "accountid", true, List.of(
                ColumnMetadata.of("accountid", ColumnType.UNIQUEIDENTIFIER),
                ColumnMetadata.of("industrycode", ColumnType.CHOICE),
                ColumnMetadata.of("industrycode_label", ColumnType.TEXT)));

        assertThatThrownBy(() -> TypedSchemas.of(SchemaNames.of("crm", ConnectionId.of("c"), "account"), table,
                List.of(), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("industrycode").hasMessageContaining("industrycode_label");
    }

    @Test
    void keysByThePrimaryKeyAsANonNullUuid() {
        Schema key = schemas().key();

        assertThat(key.getFullName()).isEqualTo("crm.contoso_2dapp.cr123_project.Key");
        assertThat(key.getFields()).extracting(Schema.Field::name).containsExactly("cr123_projectid");
        assertThat(key.getField("cr123_projectid").schema().toString())
                .isEqualTo("{\"type\":\"string\",\"logicalType\":\"uuid\"}");
    }

    @Test
    void namesRecordsAsDebeziumDoesPerConnectionAndTable() {
        TypedSchemas schemas = schemas();

        assertThat(schemas.row().getFullName()).isEqualTo("crm.contoso_2dapp.cr123_project.Value");
        assertThat(schemas.envelope().getFullName()).isEqualTo("crm.contoso_2dapp.cr123_project.Envelope");
    }

    @Test
    void givesTwoConnectionsTablesDifferentNamesEvenWhenTheirIdsLookAlike() {
        TableMetadata account = TableMetadata.described("account", "accounts", "accountid", true,
                List.of(ColumnMetadata.of("name", ColumnType.TEXT)));
        List<String> names = Stream.of("contoso-app", "contoso_app", "contoso.app", "contosoapp")
                .map(id -> TypedSchemas.of(SchemaNames.of("crm", ConnectionId.of(id), "account"), account,
                        List.of(), true))
                .flatMap(schemas -> Stream.of(schemas.key(), schemas.row(), schemas.envelope()))
                .map(Schema::getFullName).toList();

        assertThat(names).doesNotHaveDuplicates().hasSize(12);
    }

    @Test
    void wrapsTheRowInDebeziumsEnvelope() {
        Schema envelope = schemas().envelope();

        assertThat(envelope.getFields()).extracting(Schema.Field::name)
                .containsExactly("before", "after", "source", "op", "ts_ms");
        assertThat(envelope.getField("before").schema().getTypes()).extracting(Schema::getFullName)
                .containsExactly("null", "crm.contoso_2dapp.cr123_project.Value");
        assertThat(envelope.getField("after").schema()).isEqualTo(envelope.getField("before").schema());
        assertThat(envelope.getField("op").schema().getType()).isEqualTo(Schema.Type.STRING);
        assertThat(new Schema.Parser().parse(envelope.toString())).as("valid Avro, text alone").isEqualTo(envelope);
    }

    @Test
    void describesTheSourceAsDebeziumsSourceBlockWithTheSnapshotFlagAsAString() {
        Schema source = schemas().source();

        assertThat(source.getFields()).extracting(Schema.Field::name).containsExactly("connector", "connection",
                "org", "table", "version", "changedAt", "capture", "snapshot");
        assertThat(source.getField("snapshot").schema().toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(source.getField("snapshot").defaultVal()).isEqualTo("false");
        assertThat(source.getField("changedAt").schema().getTypes().get(1).getLogicalType().getName())
                .isEqualTo("timestamp-millis");
    }

    @Test
    void keepsEveryPreviousFieldAndAddsNewColumnsAfterThem() {
        Schema previous = TypedSchemas.of(CONTOSO, project(), List.of("cr123_name", "cr123_hours"), true).row();

        Schema evolved = TypedSchemas.of(CONTOSO, project(), List.of("cr123_name", "cr123_score"), true)
                .evolved(previous).row();

        assertThat(evolved.getFields()).extracting(Schema.Field::name)
                .containsExactly("cr123_projectid", "cr123_hours", "cr123_name", "cr123_score");
        assertThat(evolved.getField("cr123_hours").defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
    }

    @Test
    void evolvesSoThatOldAndNewReadersReadEachOthersData() {
        Schema previous = TypedSchemas.of(CONTOSO, project(), List.of("cr123_name", "cr123_hours"), true)
                .envelope();
        TypedSchemas next = TypedSchemas.of(CONTOSO, project(), List.of("cr123_name", "cr123_budget"), true)
                .evolved(previous.getField("after").schema().getTypes().get(1));

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(next.envelope(), previous).getType())
                .as("new reads old").isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(previous, next.envelope()).getType())
                .as("old reads new").isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void refusesToEvolveAColumnWhoseTypeChanged() {
        Schema previous = schemas().row();
        TableMetadata changed = TableMetadata.described("cr123_project", "cr123_projects", "cr123_projectid", true,
                List.of(ColumnMetadata.of("cr123_budget", ColumnType.DOUBLE)));

        assertThatThrownBy(() -> TypedSchemas.of(CONTOSO, changed, List.of(), true).evolved(previous))
                .isInstanceOfSatisfying(TypedMappingException.ColumnTypeChanged.class,
                        e -> assertThat(e.column()).isEqualTo("cr123_budget"));
    }

    @Test
    void refusesToEvolveFromAnotherConnectionsRowSchema() {
        Schema other = TypedSchemas.of(SchemaNames.of("crm", ConnectionId.of("fabrikam"), "cr123_project"),
                project(), List.of(), true).row();

        assertThatThrownBy(() -> schemas().evolved(other)).isInstanceOf(IllegalArgumentException.class);
    }
}
