package io.crmbridge.poller.typed;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.metadata.MetadataJson;
import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.crm.record.EntityRecord;
import io.crmbridge.crm.record.RecordParser;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From the Web API's JSON to typed records: table metadata as {@code EntityDefinitions} describes it, a row as
 * {@code RecordParser} reads it with {@code odata.include-annotations="*"} (reference §1.4), the row written in Avro
 * binary and read back with the schema's text alone.
 */
class WebApiRowsTest {

    private static final String METADATA = """
            {"LogicalName":"account","EntitySetName":"accounts","PrimaryIdAttribute":"accountid",
             "ChangeTrackingEnabled":true,"IsCustomEntity":false,
             "Attributes":[
               {"LogicalName":"accountid","AttributeType":"Uniqueidentifier"},
               {"LogicalName":"name","AttributeType":"String","MaxLength":160},
               {"LogicalName":"revenue","AttributeType":"Money","Precision":2,"PrecisionSource":2,
                "MinValue":-922337203685477,"MaxValue":922337203685477},
               {"LogicalName":"customertypecode","AttributeType":"Picklist"},
               {"LogicalName":"ownerid","AttributeType":"Owner","Targets":["systemuser","team"]},
               {"LogicalName":"owneridname","AttributeType":"String","AttributeOf":"ownerid"},
               {"LogicalName":"lastusedincampaign","AttributeType":"DateTime","Format":"DateAndTime",
                "DateTimeBehavior":{"Value":"UserLocal"}},
               {"LogicalName":"cr123_opened","AttributeType":"DateTime","Format":"DateOnly",
                "DateTimeBehavior":{"Value":"DateOnly"}}
             ]}""";

    private static final String ROW = """
            {"@odata.etag":"W/\\"536530\\"",
             "accountid":"70bf4d48-34cb-ed11-b596-0022481d68cd",
             "name":"Contoso",
             "revenue@OData.Community.Display.V1.FormattedValue":"$1,234.56",
             "revenue":1234.5600,
             "customertypecode@OData.Community.Display.V1.FormattedValue":"Competitor",
             "customertypecode":1,
             "_ownerid_value@OData.Community.Display.V1.FormattedValue":"Sales team",
             "_ownerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty":"ownerid",
             "_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname":"team",
             "_ownerid_value":"39e0dbe4-131b-e111-ba7e-78e7d1620f5e",
             "lastusedincampaign":"2023-04-07T21:59:01Z",
             "cr123_opened":"2023-04-07"}""";

    @Test
    void mapsAParsedRowToItsTypedRecord() {
        TableMetadata account = MetadataJson.table(METADATA.getBytes(StandardCharsets.UTF_8), null);
        EntityRecord record = new RecordParser(account).record(ROW.getBytes(StandardCharsets.UTF_8));
        TypedSchemas schemas = TypedSchemas.of(SchemaNames.of("crm", ConnectionId.of("contoso"), "account"),
                account, List.of(), true);

        GenericRecord row = TypedFixtures.roundTrip(TypedValues.of(schemas).row(record.attributes(),
                record.formattedValues()));

        assertThat(row.getSchema().getFields()).extracting(Schema.Field::name).containsExactly("accountid",
                "cr123_opened", "customertypecode", "customertypecode_label", "lastusedincampaign", "name",
                "ownerid", "ownerid_table", "ownerid_name", "revenue");
        assertThat(row.get("accountid")).hasToString("70bf4d48-34cb-ed11-b596-0022481d68cd");
        assertThat(revenue(row)).hasToString("1234.5600");
        assertThat(row.get("customertypecode")).isEqualTo(1);
        assertThat(row.get("customertypecode_label")).hasToString("Competitor");
        assertThat(row.get("ownerid")).hasToString("39e0dbe4-131b-e111-ba7e-78e7d1620f5e");
        assertThat(row.get("ownerid_table")).hasToString("team");
        assertThat(row.get("ownerid_name")).hasToString("Sales team");
        assertThat(row.get("lastusedincampaign")).isEqualTo(java.time.Instant.parse("2023-04-07T21:59:01Z")
                .toEpochMilli());
        assertThat(row.get("cr123_opened")).isEqualTo((int) LocalDate.of(2023, 4, 7).toEpochDay());
    }

    private static BigDecimal revenue(GenericRecord row) {
        Schema bytes = row.getSchema().getField("revenue").schema().getTypes().get(1);
        return new Conversions.DecimalConversion().fromBytes((ByteBuffer) row.get("revenue"), bytes,
                bytes.getLogicalType());
    }
}
