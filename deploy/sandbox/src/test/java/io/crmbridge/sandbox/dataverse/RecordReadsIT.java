package io.crmbridge.sandbox.dataverse;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.crmbridge.sandbox.dataverse.WebApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Queries, paging, annotations, single reads and table definitions over HTTPS (reference §1). */
class RecordReadsIT {

    private static final int ACCOUNTS = 23;
    private static Sandbox sandbox;
    private static WebApiClient client;
    private static Org org;
    private static UUID contact;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
        org = sandbox.dataverse().org("reads");
        client = new WebApiClient(sandbox, "reads");
        contact = org.table("contact").create(Map.of("firstname", "Susanna", "lastname", "Stubberod"));
        for (int i = 0; i < ACCOUNTS; i++) {
            Map<String, Object> values = new HashMap<>();
            values.put("name", "Account " + (char) ('A' + i));
            values.put("accountnumber", "N-" + i);
            values.put("numberofemployees", i * 10);
            values.put("revenue", new BigDecimal("1000.25").multiply(BigDecimal.valueOf(i)));
            values.put("creditonhold", i % 2 == 0);
            values.put("industrycode", 1 + i % 3);
            values.put("lastusedincampaign", Instant.parse("2023-04-01T00:00:00Z").plusSeconds(86_400L * i));
            if (i % 5 == 0) {
                values.put("primarycontactid", contact);
            }
            if (i == 7) {
                values.remove("name");
            }
            org.table("account").create(values);
        }
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void returnsSelectedColumnsAndAlwaysThePrimaryKey() {
        JsonNode first = json(client.get("accounts?$select=name,revenue&$top=1")).get("value").get(0);
        List<String> names = new ArrayList<>();
        first.propertyNames().forEach(names::add);
        assertThat(names).containsExactly("@odata.etag", "name", "revenue", "accountid");
    }

    @Test
    void filtersOnTextNumbersDatesBooleansGuidsAndNull() {
        assertThat(names("accounts?$select=name&$filter=name eq 'account c'")).containsExactly("Account C");
        assertThat(count("$filter=numberofemployees ge 100 and numberofemployees lt 150")).isEqualTo(5);
        assertThat(count("$filter=creditonhold eq true and (industrycode eq 1 or industrycode eq 2)")).isEqualTo(8);
        assertThat(count("$filter=lastusedincampaign gt 2023-04-20T00:00:00Z")).isEqualTo(3);
        assertThat(count("$filter=_primarycontactid_value eq " + contact)).isEqualTo(5);
        assertThat(count("$filter=name eq null")).isEqualTo(1);
        assertThat(count("$filter=revenue gt 20000")).isEqualTo(3);
    }

    @Test
    void ordersAndLimits() {
        List<String> names = names("accounts?$select=name&$orderby=numberofemployees desc&$top=3");
        assertThat(names).containsExactly("Account W", "Account V", "Account U");
    }

    @Test
    void pagesWithMaxPageSizeThroughNextLinksUntilEveryRowIsRead() {
        Set<String> seen = new HashSet<>();
        String url = "accounts?$select=name";
        int pages = 0;
        while (url != null) {
            HttpResponse<String> page = client.get(url, "Prefer", "odata.maxpagesize=5");
            assertThat(page.headers().firstValue("Preference-Applied")).contains("odata.maxpagesize=5");
            JsonNode body = json(page);
            assertThat(body.get("value").size()).isLessThanOrEqualTo(5);
            body.get("value").forEach(row -> assertThat(seen.add(row.get("accountid").stringValue())).isTrue());
            url = body.has("@odata.nextLink") ? body.get("@odata.nextLink").stringValue() : null;
            if (url != null) {
                assertThat(url).contains("$skiptoken=%3Ccookie%20pagenumber%3D%22" + (pages + 2) + "%22");
            }
            pages++;
        }
        assertThat(seen).hasSize(ACCOUNTS);
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void countsMatchesAndIgnoresTopWhenAPageSizeIsPreferred() {
        JsonNode counted = json(client.get("accounts?$select=name&$count=true&$filter=creditonhold eq true&$top=2"));
        assertThat(counted.get("@odata.count").intValue()).isEqualTo(12);
        assertThat(counted.get("value").size()).isEqualTo(2);
        JsonNode paged = json(client.get("accounts?$select=name&$top=2", "Prefer", "odata.maxpagesize=10"));
        assertThat(paged.get("value").size()).isEqualTo(10);
        assertThat(paged.has("@odata.nextLink")).isTrue();
    }

    @Test
    void capsPagesAt5000Rows() {
        HttpResponse<String> response = client.get("accounts?$select=name", "Prefer", "odata.maxpagesize=10000");
        assertThat(json(response).get("value").size()).isEqualTo(ACCOUNTS);
        assertThat(RecordReads.pageSize(Prefer.parse("odata.maxpagesize=10000"))).isEqualTo(5000);
        assertThat(RecordReads.pageSize(Prefer.parse(null))).isEqualTo(5000);
    }

    @Test
    void annotatesChoicesLookupsMoneyAndDates() {
        HttpResponse<String> response = client.get("accounts?$select=name,revenue,industrycode,creditonhold,"
                + "lastusedincampaign,_primarycontactid_value&$filter=accountnumber eq 'N-5'",
                "Prefer", "odata.include-annotations=\"*\"");
        assertThat(response.headers().firstValue("Preference-Applied")).contains("odata.include-annotations=\"*\"");
        JsonNode row = json(response).get("value").get(0);
        assertThat(row.get("revenue@OData.Community.Display.V1.FormattedValue").stringValue()).isEqualTo("$5,001.25");
        assertThat(row.get("revenue").decimalValue()).isEqualByComparingTo("5001.25");
        assertThat(row.get("industrycode@OData.Community.Display.V1.FormattedValue").stringValue())
                .isEqualTo("Broadcasting Printing and Publishing");
        assertThat(row.get("creditonhold@OData.Community.Display.V1.FormattedValue").stringValue()).isEqualTo("No");
        assertThat(row.get("lastusedincampaign@OData.Community.Display.V1.FormattedValue").stringValue())
                .isEqualTo("4/6/2023 12:00 AM");
        assertThat(row.get("lastusedincampaign").stringValue()).isEqualTo("2023-04-06T00:00:00Z");
        assertThat(row.get("_primarycontactid_value@OData.Community.Display.V1.FormattedValue").stringValue())
                .isEqualTo("Susanna Stubberod");
        assertThat(row.get("_primarycontactid_value@Microsoft.Dynamics.CRM.associatednavigationproperty")
                .stringValue()).isEqualTo("primarycontactid");
        assertThat(row.get("_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname").stringValue())
                .isEqualTo("contact");
        JsonNode plain = json(client.get("accounts?$select=revenue&$filter=accountnumber eq 'N-5'")).get("value").get(0);
        assertThat(plain.has("revenue@OData.Community.Display.V1.FormattedValue")).isFalse();
    }

    @Test
    void readsOneRowAndAnswers304WhenItsETagIsUnchanged() {
        UUID id = org.table("account").create(Map.of("name", "Single"));
        HttpResponse<String> read = client.get("accounts(" + id + ")?$select=name");
        JsonNode body = json(read);
        assertThat(body.get("@odata.context").stringValue())
                .isEqualTo(org.apiUrl() + "/$metadata#accounts(name)/$entity");
        assertThat(body.get("name").stringValue()).isEqualTo("Single");
        String etag = body.get("@odata.etag").stringValue();
        assertThat(client.get("accounts(" + id + ")?$select=name", "If-None-Match", etag).statusCode()).isEqualTo(304);
        org.table("account").update(id, Map.of("name", "Changed"));
        assertThat(client.get("accounts(" + id + ")?$select=name", "If-None-Match", etag).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesSkipAndUnknownProperties() {
        assertThat(client.get("accounts?$skip=5").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = client.get("accounts?$select=nosuch");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("error").get("message").stringValue())
                .isEqualTo("Could not find a property named 'nosuch' on type 'Microsoft.Dynamics.CRM.account'.");
    }

    @Test
    void describesTablesThroughEntityDefinitions() {
        JsonNode tracked = json(client.get("EntityDefinitions?$select=LogicalName,EntitySetName"
                + "&$filter=ChangeTrackingEnabled eq true"));
        List<String> logicalNames = new ArrayList<>();
        tracked.get("value").forEach(entity -> logicalNames.add(entity.get("LogicalName").stringValue()));
        assertThat(logicalNames).containsExactlyInAnyOrder("account", "contact", "opportunity", "cr123_project");
        assertThat(tracked.get("value").get(0).has("PrimaryIdAttribute")).isFalse();
        JsonNode account = json(client.get("EntityDefinitions(LogicalName='account')"));
        assertThat(account.get("EntitySetName").stringValue()).isEqualTo("accounts");
        assertThat(account.get("PrimaryIdAttribute").stringValue()).isEqualTo("accountid");
        assertThat(account.get("PrimaryNameAttribute").stringValue()).isEqualTo("name");
        assertThat(account.get("ChangeTrackingEnabled").booleanValue()).isTrue();
        JsonNode keys = json(client.get("EntityDefinitions(LogicalName='contact')/Keys"));
        assertThat(keys.get("value").get(0).get("KeyAttributes").toString())
                .isEqualTo("[\"firstname\",\"emailaddress1\"]");
        JsonNode name = json(client.get("EntityDefinitions(LogicalName='account')/Attributes(LogicalName='name')"
                + "?$select=LogicalName,MaxLength"));
        assertThat(name.get("MaxLength").intValue()).isEqualTo(160);
        JsonNode choices = json(client.get("EntityDefinitions(LogicalName='account')/Attributes/"
                + "Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName,OptionSet"));
        assertThat(choices.get("value").size()).isEqualTo(3);
        assertThat(choices.get("value").get(0).get("OptionSet").get("Options").get(0).get("Label")
                .get("UserLocalizedLabel").get("Label").stringValue()).isEqualTo("Accounting");
        JsonNode attributes = json(client.get("EntityDefinitions(LogicalName='cr123_project')/Attributes"));
        Map<String, String> types = new HashMap<>();
        attributes.get("value").forEach(a -> types.put(a.get("LogicalName").stringValue(),
                a.get("AttributeTypeName").get("Value").stringValue()));
        assertThat(types).containsEntry("cr123_budget", "MoneyType").containsEntry("cr123_regions",
                "MultiSelectPicklistType").containsEntry("cr123_accountid", "LookupType")
                .containsEntry("cr123_externalsequence", "BigIntType").containsEntry("versionnumber", "BigIntType");
    }

    private static List<String> names(String url) {
        List<String> names = new ArrayList<>();
        json(client.get(url)).get("value").forEach(row -> names.add(row.get("name").stringValue()));
        return names;
    }

    private static int count(String filter) {
        return json(client.get("accounts?$select=name&" + filter)).get("value").size();
    }
}
