package io.crmbridge.crm.record;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.crm.metadata.ColumnType;
import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.events.DateTimeValue;
import io.crmbridge.events.DecimalValue;
import io.crmbridge.events.EntityReference;
import io.crmbridge.events.OptionSetValue;
import io.crmbridge.events.OptionSetValues;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordWriterTest {

    private static final String CONTACT = "70bf4d48-34cb-ed11-b596-0022481d68cd";
    private static final TableMetadata OPPORTUNITY = new TableMetadata("opportunity", "opportunities",
            "opportunityid", true, Map.of("name", ColumnType.TEXT),
            Map.of("customerid", Map.of("account", "customerid_account", "contact", "customerid_contact"),
                    "parentaccountid", Map.of("account", "parentaccountid")));
    private static final Map<String, String> SETS = Map.of("account", "accounts", "contact", "contacts");

    private final RecordWriter writer = new RecordWriter(OPPORTUNITY, SETS);

    @Test
    void writesEveryAttributeValueTypeAsTheWebApiExpects() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", "Deal");
        attributes.put("closeprobability", 40);
        attributes.put("sequence", 9007199254740993L);
        attributes.put("score", 2.5);
        attributes.put("isrevenuesystemcalculated", true);
        attributes.put("estimatedvalue", new DecimalValue("12345678901234567.8901"));
        attributes.put("estimatedclosedate", new DateTimeValue(Instant.parse("2026-03-01T12:00:00Z")));
        attributes.put("opportunityratingcode", new OptionSetValue(1, "Hot"));
        attributes.put("regions", new OptionSetValues(List.of(new OptionSetValue(1, null),
                new OptionSetValue(3, "x"))));
        attributes.put("description", null);

        assertThat(json(writer.write(attributes, Map.of()))).isEqualTo("{\"name\":\"Deal\",\"closeprobability\":40,"
                + "\"sequence\":9007199254740993,\"score\":2.5,\"isrevenuesystemcalculated\":true,"
                + "\"estimatedvalue\":12345678901234567.8901,\"estimatedclosedate\":\"2026-03-01T12:00:00Z\","
                + "\"opportunityratingcode\":1,\"regions\":\"1,3\",\"description\":null}");
    }

    @Test
    void bindsLookupsThroughTheNavigationPropertyOfTheirTarget() {
        Map<String, EntityReference> lookups = new LinkedHashMap<>();
        lookups.put("customerid", new EntityReference("contact", CONTACT, "ignored name"));
        lookups.put("parentaccountid", null);

        assertThat(json(writer.write(Map.of("parentcontactid", new EntityReference("contact", CONTACT, null)),
                lookups))).isEqualTo("{\"parentcontactid@odata.bind\":\"/contacts(" + CONTACT + ")\","
                + "\"customerid_contact@odata.bind\":\"/contacts(" + CONTACT + ")\","
                + "\"parentaccountid@odata.bind\":null}");
    }

    @Test
    void namesTheColumnOfAValueItCannotWrite() {
        assertThatThrownBy(() -> writer.write(Map.of("budget", new Object()), Map.of()))
                .isInstanceOf(RecordWriter.UnwritableValue.class).hasMessageContaining("'budget'");
        assertThatThrownBy(() -> writer.write(Map.of(), Map.of("customerid", new EntityReference("lead", CONTACT,
                null)))).isInstanceOf(RecordWriter.UnwritableValue.class).hasMessageContaining("'lead'");
        assertThatThrownBy(() -> writer.write(Map.of("estimatedvalue", new DecimalValue("1,5")), Map.of()))
                .isInstanceOf(RecordWriter.UnwritableValue.class).hasMessageContaining("'estimatedvalue'");
    }

    @Test
    void writesWhatItParsesBackUnchanged() {
        TableMetadata project = new TableMetadata("cr123_project", "cr123_projects", "cr123_projectid", true,
                Map.of("cr123_budget", ColumnType.MONEY, "cr123_regions", ColumnType.MULTI_CHOICE,
                        "cr123_startdate", ColumnType.DATETIME),
                Map.of("cr123_accountid", Map.of("account", "cr123_AccountId")));
        Map<String, Object> attributes = Map.of("cr123_budget", new DecimalValue("1500.25"),
                "cr123_regions", new OptionSetValues(List.of(new OptionSetValue(100000000, null))),
                "cr123_startdate", new DateTimeValue(Instant.parse("2024-02-29T10:00:00Z")));
        byte[] body = new RecordWriter(project, SETS).write(attributes, Map.of());

        String withId = json(body).replaceFirst("\\{", "{\"cr123_projectid\":\"" + CONTACT + "\",");
        EntityRecord parsed = new RecordParser(project).record(withId.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.attributes()).containsAllEntriesOf(attributes);
    }

    private static String json(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
