package io.crmbridge.crm.webapi;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.crm.metadata.ColumnType;
import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.crm.record.EntityRecord;
import io.crmbridge.crm.record.RecordParser;
import io.crmbridge.events.DateTimeValue;
import io.crmbridge.events.DecimalValue;
import io.crmbridge.events.OptionSetValue;
import io.crmbridge.events.OptionSetValues;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordBodyTest {

    private static final String CONTACT = "70bf4d48-34cb-ed11-b596-0022481d68cd";

    @Test
    void writesEveryValueTypeAsTheWebApiExpects() {
        byte[] body = RecordBody.create()
                .text("name", "Deal")
                .number("closeprobability", 40)
                .number("sequence", 9007199254740993L)
                .number("score", 2.5)
                .flag("isrevenuesystemcalculated", true)
                .decimal("estimatedvalue", "12345678901234567.8901")
                .moment("estimatedclosedate", Instant.parse("2026-03-01T12:00:00Z"))
                .choice("opportunityratingcode", 1)
                .choices("regions", List.of(1, 3))
                .clear("description")
                .toJson();

        assertThat(json(body)).isEqualTo("{\"name\":\"Deal\",\"closeprobability\":40,"
                + "\"sequence\":9007199254740993,\"score\":2.5,\"isrevenuesystemcalculated\":true,"
                + "\"estimatedvalue\":12345678901234567.8901,\"estimatedclosedate\":\"2026-03-01T12:00:00Z\","
                + "\"opportunityratingcode\":1,\"regions\":\"1,3\",\"description\":null}");
    }

    @Test
    void writesDecimalsWithoutExponentSoNoDigitIsLost() {
        assertThat(json(RecordBody.create().decimal("cr123_discountrate", "1E+2").toJson()))
                .isEqualTo("{\"cr123_discountrate\":100}");
        assertThat(json(RecordBody.create().decimal("revenue", "0.1250").toJson()))
                .isEqualTo("{\"revenue\":0.1250}");
    }

    @Test
    void bindsAndClearsLookupsThroughTheirNavigationProperties() {
        byte[] body = RecordBody.create()
                .bind("customerid_contact", RecordAddress.byId("contacts", CONTACT))
                .unbind("parentaccountid")
                .toJson();

        assertThat(json(body)).isEqualTo("{\"customerid_contact@odata.bind\":\"/contacts(" + CONTACT + ")\","
                + "\"parentaccountid@odata.bind\":null}");
    }

    @Test
    void namesTheColumnOfADecimalThatIsNoNumber() {
        assertThatThrownBy(() -> RecordBody.create().decimal("estimatedvalue", "1,5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'estimatedvalue'");
    }

    @Test
    void writesWhatRecordParserReadsBackUnchanged() {
        TableMetadata project = new TableMetadata("cr123_project", "cr123_projects", "cr123_projectid", true,
                Map.of("cr123_budget", ColumnType.MONEY, "cr123_regions", ColumnType.MULTI_CHOICE,
                        "cr123_startdate", ColumnType.DATETIME),
                Map.of("cr123_accountid", Map.of("account", "cr123_AccountId")));
        byte[] body = RecordBody.create()
                .text("cr123_projectid", UUID.fromString(CONTACT).toString())
                .decimal("cr123_budget", "1500.25")
                .choices("cr123_regions", List.of(100000000))
                .moment("cr123_startdate", Instant.parse("2024-02-29T10:00:00Z"))
                .toJson();

        EntityRecord parsed = new RecordParser(project).record(body);

        assertThat(parsed.attributes()).containsAllEntriesOf(Map.of("cr123_budget", new DecimalValue("1500.25"),
                "cr123_regions", new OptionSetValues(List.of(new OptionSetValue(100000000, null))),
                "cr123_startdate", new DateTimeValue(Instant.parse("2024-02-29T10:00:00Z"))));
    }

    private static String json(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
