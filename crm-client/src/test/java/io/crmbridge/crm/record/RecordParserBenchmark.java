package io.crmbridge.crm.record;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.crm.metadata.ColumnType;
import io.crmbridge.crm.metadata.TableMetadata;

/**
 * Not a test: how fast a 5,000-row account page (16 columns, annotations as with
 * {@code odata.include-annotations="*"}) is parsed into typed records. Run on demand:
 * {@code java -cp <test classpath> io.crmbridge.crm.record.RecordParserBenchmark}.
 */
public final class RecordParserBenchmark {

    private static final int ROWS = 5000;

    private RecordParserBenchmark() {
    }

    public static void main(String[] args) {
        byte[] page = page();
        TableMetadata account = new TableMetadata("account", "accounts", "accountid", true, Map.ofEntries(
                Map.entry("name", ColumnType.TEXT), Map.entry("revenue", ColumnType.MONEY),
                Map.entry("numberofemployees", ColumnType.INTEGER), Map.entry("industrycode", ColumnType.CHOICE),
                Map.entry("statecode", ColumnType.CHOICE), Map.entry("creditonhold", ColumnType.BOOLEAN),
                Map.entry("createdon", ColumnType.DATETIME), Map.entry("modifiedon", ColumnType.DATETIME),
                Map.entry("versionnumber", ColumnType.BIGINT), Map.entry("telephone1", ColumnType.TEXT),
                Map.entry("address1_city", ColumnType.TEXT), Map.entry("accountid", ColumnType.UNIQUEIDENTIFIER)),
                Map.of());
        RecordParser parser = new RecordParser(account);
        for (int warmup = 0; warmup < 40; warmup++) {
            parser.page(page);
        }
        int pages = 60;
        long start = System.nanoTime();
        long rows = 0;
        for (int i = 0; i < pages; i++) {
            rows += parser.page(page).records().size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("page of %d rows, %.1f MB: %.1f ms per page, %.0f rows/s on one thread%n", ROWS,
                page.length / 1e6, seconds * 1000 / pages, rows / seconds);
    }

    private static byte[] page() {
        StringBuilder json = new StringBuilder("{\"@odata.context\":\"https://org/api/data/v9.2/$metadata#accounts\","
                + "\"value\":[");
        for (int i = 0; i < ROWS; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"@odata.etag\":\"W/\\\"").append(100000 + i).append("\\\"\",")
                    .append("\"accountid\":\"").append(UUID.randomUUID()).append("\",")
                    .append("\"name\":\"Account number ").append(i).append("\",")
                    .append("\"revenue@OData.Community.Display.V1.FormattedValue\":\"$20,000.00\",")
                    .append("\"revenue\":20000.0000,")
                    .append("\"numberofemployees@OData.Community.Display.V1.FormattedValue\":\"1,200\",")
                    .append("\"numberofemployees\":1200,")
                    .append("\"industrycode@OData.Community.Display.V1.FormattedValue\":\"Consulting\",")
                    .append("\"industrycode\":7,")
                    .append("\"statecode@OData.Community.Display.V1.FormattedValue\":\"Active\",")
                    .append("\"statecode\":0,")
                    .append("\"creditonhold@OData.Community.Display.V1.FormattedValue\":\"No\",")
                    .append("\"creditonhold\":false,")
                    .append("\"createdon@OData.Community.Display.V1.FormattedValue\":\"4/7/2023 2:59 PM\",")
                    .append("\"createdon\":\"2023-04-07T21:59:01Z\",")
                    .append("\"modifiedon@OData.Community.Display.V1.FormattedValue\":\"4/7/2024 2:59 PM\",")
                    .append("\"modifiedon\":\"2024-04-07T21:59:").append(String.format("%02d", i % 60)).append("Z\",")
                    .append("\"_primarycontactid_value@OData.Community.Display.V1.FormattedValue\":\"Nancy Anderson\",")
                    .append("\"_primarycontactid_value@Microsoft.Dynamics.CRM.associatednavigationproperty\":\"primarycontactid\",")
                    .append("\"_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname\":\"contact\",")
                    .append("\"_primarycontactid_value\":\"70bf4d48-34cb-ed11-b596-0022481d68cd\",")
                    .append("\"telephone1\":\"+1 555 0100\",\"address1_city\":\"Redmond\",")
                    .append("\"versionnumber\":").append(100000 + i).append('}');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
