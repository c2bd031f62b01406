package io.crmbridge.crm.record;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

class RecordParserTest {

    private static final String ACCOUNT_ID = "60c4e274-0d87-e711-80e5-00155db19e6d";

    private final RecordParser accounts = new RecordParser(TableMetadata.minimal("account", "accounts"));

    @Test
    void typesTheDocumentedAnnotatedRecordFromAnnotationsAlone() {
        EntityRecord record = accounts.record(bytes("""
                {"@odata.context":"https://org/api/data/v9.2/$metadata#accounts/$entity",
                 "@odata.etag":"W/\\"536530\\"",
                 "accountid":"%s",
                 "revenue@OData.Community.Display.V1.FormattedValue":"$20,000.00",
                 "revenue":20000.0000,
                 "_primarycontactid_value@OData.Community.Display.V1.FormattedValue":"Susanna Stubberod (sample)",
                 "_primarycontactid_value@Microsoft.Dynamics.CRM.associatednavigationproperty":"primarycontactid",
                 "_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname":"contact",
                 "_primarycontactid_value":"70bf4d48-34cb-ed11-b596-0022481d68cd",
                 "customertypecode@OData.Community.Display.V1.FormattedValue":"Competitor",
                 "customertypecode":1,
                 "modifiedon@OData.Community.Display.V1.FormattedValue":"4/7/2023 2:59 PM",
                 "modifiedon":"2023-04-07T21:59:01Z",
                 "name":"Contoso",
                 "creditonhold":false,
                 "numberofemployees@OData.Community.Display.V1.FormattedValue":"1,200",
                 "numberofemployees":1200,
                 "description":null}""".formatted(ACCOUNT_ID)));

        assertThat(record.id()).isEqualTo(ACCOUNT_ID);
        assertThat(record.etag()).isEqualTo("W/\"536530\"");
        assertThat(record.version()).isEqualTo(536530L);
        assertThat(record.attributes())
                .containsEntry("accountid", ACCOUNT_ID)
                .containsEntry("revenue", new DecimalValue("20000.0000"))
                .containsEntry("primarycontactid", new EntityReference("contact",
                        "70bf4d48-34cb-ed11-b596-0022481d68cd", "Susanna Stubberod (sample)"))
                .containsEntry("customertypecode", new OptionSetValue(1, "Competitor"))
                .containsEntry("modifiedon", new DateTimeValue(Instant.parse("2023-04-07T21:59:01Z")))
                .containsEntry("name", "Contoso")
                .containsEntry("creditonhold", false)
                .containsEntry("numberofemployees", 1200)
                .containsEntry("description", null)
                .doesNotContainKey("_primarycontactid_value");
        assertThat(record.formattedValues()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "revenue", "$20,000.00", "primarycontactid", "Susanna Stubberod (sample)",
                "customertypecode", "Competitor", "modifiedon", "4/7/2023 2:59 PM", "numberofemployees", "1,200"));
        assertThat(record.instant("modifiedon")).contains(Instant.parse("2023-04-07T21:59:01Z"));
        assertThat(record.instant("description")).as("null").isEmpty();
        assertThat(record.instant("name")).as("not a date").isEmpty();
        assertThat(record.instant("createdon")).as("not selected").isEmpty();
    }

    @Test
    void keepsDecimalsExactlyAsWrittenWithoutGoingThroughDouble() {
        EntityRecord record = accounts.record(bytes("""
                {"accountid":"%s","creditlimit":12345678901234567.8901,"rate":0.1000000000000000055511151231257827,
                 "tiny":1.5E-7}""".formatted(ACCOUNT_ID)));

        assertThat(record.attributes())
                .containsEntry("creditlimit", new DecimalValue("12345678901234567.8901"))
                .containsEntry("rate", new DecimalValue("0.1000000000000000055511151231257827"))
                .containsEntry("tiny", new DecimalValue("0.00000015"));
    }

    @Test
    void letsMetadataDecideWhatJsonAloneCannot() {
        TableMetadata project = new TableMetadata("cr123_project", "cr123_projects", "cr123_projectid", true,
                Map.of("cr123_score", ColumnType.DOUBLE, "cr123_externalsequence", ColumnType.BIGINT,
                        "cr123_hours", ColumnType.INTEGER, "cr123_stage", ColumnType.CHOICE,
                        "cr123_regions", ColumnType.MULTI_CHOICE, "cr123_code", ColumnType.TEXT,
                        "cr123_budget", ColumnType.MONEY, "cr123_startdate", ColumnType.DATETIME),
                Map.of("cr123_accountid", Map.of("account", "cr123_AccountId")));
        EntityRecord record = new RecordParser(project).record(bytes("""
                {"cr123_projectid":"0B5A6E0C-0000-4000-8000-000000000001",
                 "cr123_score":2.5,"cr123_externalsequence":7,"cr123_hours":40,
                 "cr123_stage@OData.Community.Display.V1.FormattedValue":"1",
                 "cr123_stage":100000001,
                 "cr123_regions@OData.Community.Display.V1.FormattedValue":"EMEA; APAC",
                 "cr123_regions":"100000000,100000002",
                 "cr123_code":"2023-04-07T21:59:01Z",
                 "cr123_budget":1500,
                 "cr123_startdate":"2024-02-29",
                 "_cr123_accountid_value":"%s"}""".formatted(ACCOUNT_ID)));

        assertThat(record.id()).isEqualTo("0b5a6e0c-0000-4000-8000-000000000001");
        assertThat(record.attributes())
                .containsEntry("cr123_score", 2.5)
                .containsEntry("cr123_externalsequence", 7L)
                .containsEntry("cr123_hours", 40)
                .containsEntry("cr123_stage", new OptionSetValue(100000001, "1"))
                .containsEntry("cr123_regions", new OptionSetValues(List.of(new OptionSetValue(100000000, "EMEA"),
                        new OptionSetValue(100000002, "APAC"))))
                .containsEntry("cr123_code", "2023-04-07T21:59:01Z")
                .containsEntry("cr123_budget", new DecimalValue("1500"))
                .containsEntry("cr123_startdate", new DateTimeValue(Instant.parse("2024-02-29T00:00:00Z")))
                .containsEntry("cr123_accountid", new EntityReference("account", ACCOUNT_ID, null));
    }

    @Test
    void infersMultiSelectChoicesFromTheirFormattedValue() {
        EntityRecord record = accounts.record(bytes("""
                {"accountid":"%s","regions@OData.Community.Display.V1.FormattedValue":"EMEA; Americas",
                 "regions":"100000000,100000001","phone":"555,000"}""".formatted(ACCOUNT_ID)));

        assertThat(record.attributes()).containsEntry("regions", new OptionSetValues(List.of(
                new OptionSetValue(100000000, "EMEA"), new OptionSetValue(100000001, "Americas"))))
                .containsEntry("phone", "555,000");
    }

    @Test
    void readsTheDocumentedDeltaResponseWithUpsertsDeletionsAndTheNewDeltaLink() {
        RecordPage page = accounts.page(bytes("""
                {
                  "@odata.context": "[Organization URI]/data/v9.0/$metadata#accounts(name,telephone1,fax)/$delta",
                  "@odata.deltaLink": "https://org/api/data/v9.0/accounts?$select=name,telephone1,fax&$deltatoken=919058%2108%2f22%2f2017%2008%3a21%3a20",
                  "value": [
                    {"@odata.etag": "W/\\"915244\\"", "name": "Monte Orton", "telephone1": "555000", "fax": "10101",
                     "accountid": "60c4e274-0d87-e711-80e5-00155db19e6d"},
                    {"@odata.context": "https://org/api/data/v9.0/$metadata#accounts/$deletedEntity",
                     "id": "2e451703-c686-e711-80e5-00155db19e6d", "reason": "deleted"}
                  ]
                }"""));

        assertThat(page.records()).singleElement().satisfies(record -> {
            assertThat(record.id()).isEqualTo(ACCOUNT_ID);
            assertThat(record.version()).isEqualTo(915244L);
            assertThat(record.attributes()).containsEntry("telephone1", "555000");
        });
        assertThat(page.deletions()).containsExactly("2e451703-c686-e711-80e5-00155db19e6d");
        assertThat(page.deltaLink()).contains(new DeltaLink("https://org/api/data/v9.0/accounts?$select=name,"
                + "telephone1,fax&$deltatoken=919058%2108%2f22%2f2017%2008%3a21%3a20"));
        assertThat(page.nextLink()).isEmpty();
        assertThat(page.isLast()).isTrue();
        assertThat(page.size()).isEqualTo(2);
    }

    @Test
    void keepsTheNextLinkExactlyAsSent() {
        String next = "https://org/api/data/v9.2/accounts?$select=name&$skiptoken=%3Ccookie%20pagenumber=%222%22"
                + "%20pagingcookie=%22%253ccookie%2520page%253d%25221%2522%253e%22%20istracking=%22False%22%20/%3E";
        RecordPage page = accounts.page(bytes("""
                {"@odata.context":"x","value":[{"accountid":"%s","name":"A"}],"@odata.nextLink":"%s"}"""
                .formatted(ACCOUNT_ID, next)));

        assertThat(page.nextLink()).contains(new NextLink(next));
        assertThat(page.isLast()).isFalse();
    }

    @Test
    void takesTheVersionFromVersionNumberWhenThereIsNoEtag() {
        EntityRecord record = accounts.record(bytes("""
                {"accountid":"%s","versionnumber":9007199254740993}""".formatted(ACCOUNT_ID)));

        assertThat(record.version()).isEqualTo(9007199254740993L);
        assertThat(record.etag()).isNull();
    }

    @Test
    void skipsExpandedNavigationProperties() {
        EntityRecord record = accounts.record(bytes("""
                {"accountid":"%s","contact_customer_accounts":[{"contactid":"x"}],"primarycontactid":{"a":1},"name":"A"}"""
                .formatted(ACCOUNT_ID)));

        assertThat(record.attributes()).containsOnlyKeys("accountid", "name");
    }

    @Test
    void refusesARecordWithoutItsPrimaryKeyAndBodiesThatAreNotJson() {
        assertThatThrownBy(() -> accounts.record(bytes("{\"name\":\"A\"}")))
                .isInstanceOf(MalformedResponse.class).hasMessageContaining("accountid");
        assertThatThrownBy(() -> accounts.page(bytes("<html>")))
                .isInstanceOf(MalformedResponse.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
