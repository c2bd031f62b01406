package io.crmbridge.sandbox.dataverse;

import java.net.http.HttpResponse;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.crmbridge.sandbox.dataverse.WebApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code /admin/dataverse} routes: orgs, limits, delta tokens, request counts. */
class DataverseAdminIT {

    private static Sandbox sandbox;
    private static AdminServer admin;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
        admin = new AdminServer(sandbox.dataverse().adminRoutes());
    }

    @AfterAll
    static void stop() {
        admin.close();
        sandbox.close();
    }

    @Test
    void createsAnOrgThatServesTheWebApi() {
        HttpResponse<String> created = admin.send("POST", "/admin/dataverse/orgs", "{\"name\":\"fabrikam\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("url").stringValue()).isEqualTo(sandbox.httpsBase() + "/org/fabrikam");
        WebApiClient client = new WebApiClient(sandbox, "fabrikam");
        assertThat(client.post("accounts", "{\"name\":\"In Fabrikam\"}").statusCode()).isEqualTo(204);
        assertThat(json(admin.send("GET", "/admin/dataverse/orgs", null)).toString()).contains("\"fabrikam\"")
                .contains("\"contoso\"");
        assertThat(admin.send("POST", "/admin/dataverse/orgs", "{\"name\":\"Not Valid!\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void setsServiceProtectionLimitsAtRuntime() {
        sandbox.dataverse().org("limited");
        HttpResponse<String> set = admin.send("PUT", "/admin/dataverse/orgs/limited/limits",
                "{\"requests\":2,\"windowSeconds\":5}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(json(set).get("requests").intValue()).isEqualTo(2);
        assertThat(json(set).get("concurrent").intValue()).isEqualTo(52);
        WebApiClient client = new WebApiClient(sandbox, "limited");
        client.get("accounts");
        client.get("accounts");
        assertThat(client.get("accounts").statusCode()).isEqualTo(429);
        assertThat(json(admin.send("GET", "/admin/dataverse/orgs/limited/limits", null)).get("windowSeconds")
                .intValue()).isEqualTo(5);
    }

    @Test
    void addsATableAtRuntimeThatIsListedAndServesRows() {
        sandbox.dataverse().org("growing");
        WebApiClient client = new WebApiClient(sandbox, "growing");
        assertThat(client.get("cr123_invoices").statusCode()).isEqualTo(404);

        HttpResponse<String> added = admin.send("POST", "/admin/dataverse/orgs/growing/tables",
                "{\"logicalName\":\"cr123_invoice\",\"changeTracking\":false}");

        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(client.post("cr123_invoices", "{\"cr123_name\":\"INV-1\"}").statusCode()).isEqualTo(204);
        assertThat(json(client.get("cr123_invoices?$select=cr123_name")).get("value").get(0).get("cr123_name")
                .stringValue()).isEqualTo("INV-1");
        JsonNode listed = json(client.get("EntityDefinitions?$select=LogicalName,EntitySetName,ChangeTrackingEnabled"
                + "&$filter=LogicalName eq 'cr123_invoice'"));
        assertThat(listed.get("value").get(0).get("EntitySetName").stringValue()).isEqualTo("cr123_invoices");
        assertThat(listed.get("value").get(0).get("ChangeTrackingEnabled").booleanValue()).isFalse();
        assertThat(admin.send("POST", "/admin/dataverse/orgs/growing/tables",
                "{\"logicalName\":\"cr123_invoice\"}").statusCode()).as("exists already").isEqualTo(400);
        assertThat(admin.send("POST", "/admin/dataverse/orgs/growing/tables", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void addsAColumnAtRuntimeThatIsListedReadWrittenAndTracked() {
        sandbox.dataverse().org("widening").table("account").create(java.util.Map.of("name", "Old"));
        WebApiClient client = new WebApiClient(sandbox, "widening");
        String deltaLink = json(client.get("accounts", "Prefer", "odata.track-changes")).get("@odata.deltaLink")
                .stringValue();

        HttpResponse<String> added = admin.send("POST", "/admin/dataverse/orgs/widening/tables/account/columns",
                "{\"logicalName\":\"cr123_level\",\"type\":\"Picklist\",\"options\":{\"1\":\"Gold\",\"2\":\"Silver\"}}");

        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        JsonNode attribute = json(client.get("EntityDefinitions(LogicalName='account')/Attributes(LogicalName='cr123_level')"));
        assertThat(attribute.get("AttributeType").stringValue()).isEqualTo("Picklist");
        assertThat(attribute.get("OptionSet").get("Options").get(1).get("Label").get("UserLocalizedLabel")
                .get("Label").stringValue()).isEqualTo("Silver");
        JsonNode old = json(client.get("accounts?$select=name,cr123_level")).get("value").get(0);
        assertThat(old.get("name").stringValue()).isEqualTo("Old");
        assertThat(old.get("cr123_level").isNull()).isTrue();
        assertThat(client.post("accounts", "{\"name\":\"New\",\"cr123_level\":2}").statusCode()).isEqualTo(204);
        JsonNode delta = json(client.get(deltaLink, "Prefer", "odata.track-changes")).get("value");
        assertThat(delta).hasSize(1);
        assertThat(delta.get(0).get("name").stringValue()).isEqualTo("New");
        assertThat(delta.get(0).get("cr123_level").intValue()).isEqualTo(2);
        assertThat(client.post("accounts", "{\"cr123_level\":3}").statusCode()).as("not an option").isEqualTo(400);
    }

    @Test
    void deletesAColumnAddedAtRuntimeSoMetadataAndReadsNoLongerShowIt() {
        sandbox.dataverse().org("narrowing");
        WebApiClient client = new WebApiClient(sandbox, "narrowing");
        String columns = "/admin/dataverse/orgs/narrowing/tables/account/columns";
        assertThat(admin.send("POST", columns, "{\"logicalName\":\"cr123_rate\",\"type\":\"Decimal\",\"precision\":4}")
                .statusCode()).isEqualTo(201);
        assertThat(client.post("accounts", "{\"name\":\"Rated\",\"cr123_rate\":1.2345}").statusCode()).isEqualTo(204);
        assertThat(json(client.get("accounts")).get("value").get(0).get("cr123_rate").decimalValue())
                .isEqualByComparingTo("1.2345");

        assertThat(admin.send("DELETE", columns + "/cr123_rate", null).statusCode()).isEqualTo(204);

        assertThat(json(client.get("accounts")).get("value").get(0).has("cr123_rate")).isFalse();
        assertThat(json(client.get("EntityDefinitions(LogicalName='account')/Attributes")).toString())
                .doesNotContain("cr123_rate");
        assertThat(client.get("accounts?$select=cr123_rate").statusCode()).isEqualTo(400);
        assertThat(admin.send("DELETE", columns + "/cr123_rate", null).statusCode()).as("gone already").isEqualTo(400);
        assertThat(admin.send("DELETE", columns + "/name", null).statusCode()).as("not custom").isEqualTo(400);
    }

    @Test
    void refusesAColumnItCannotAdd() {
        sandbox.dataverse().org("refusing");
        String columns = "/admin/dataverse/orgs/refusing/tables/account/columns";
        assertThat(admin.send("POST", columns, "{\"logicalName\":\"cr123_tier\"}").statusCode()).isEqualTo(400);
        assertThat(admin.send("POST", columns, "{\"logicalName\":\"cr123_tier\",\"type\":\"Lookup\"}")
                .statusCode()).isEqualTo(400);
        assertThat(admin.send("POST", columns, "{\"logicalName\":\"name\",\"type\":\"String\"}").statusCode())
                .as("no publisher prefix").isEqualTo(400);
        assertThat(admin.send("POST", "/admin/dataverse/orgs/refusing/tables/widget/columns",
                "{\"logicalName\":\"cr123_tier\",\"type\":\"String\"}").statusCode()).isEqualTo(400);
        assertThat(admin.send("POST", columns, "{\"logicalName\":\"cr123_tier\",\"type\":\"String\"}")
                .statusCode()).isEqualTo(201);
        assertThat(admin.send("POST", columns, "{\"logicalName\":\"cr123_tier\",\"type\":\"String\"}")
                .statusCode()).as("exists already").isEqualTo(400);
    }

    @Test
    void breaksDeltaTokens() {
        WebApiClient client = new WebApiClient(sandbox, "contoso");
        String deltaLink = json(client.get("accounts?$select=name", "Prefer", "odata.track-changes"))
                .get("@odata.deltaLink").stringValue();
        assertThat(admin.send("POST", "/admin/dataverse/orgs/contoso/delta-tokens/break", null).statusCode())
                .isEqualTo(204);
        HttpResponse<String> expired = client.get(deltaLink, "Prefer", "odata.track-changes");
        assertThat(json(expired).get("error").get("code").stringValue()).isEqualTo("0x80044352");
    }

    @Test
    void reportsAndResetsRequestCounts() {
        sandbox.dataverse().org("counted");
        WebApiClient client = new WebApiClient(sandbox, "counted");
        client.get("accounts");
        client.get("widgets");
        JsonNode counts = json(admin.send("GET", "/admin/dataverse/orgs/counted/requests", null));
        assertThat(counts.get("total").longValue()).isEqualTo(2);
        assertThat(counts.get("byStatus").get("200").longValue()).isEqualTo(1);
        assertThat(counts.get("byStatus").get("404").longValue()).isEqualTo(1);
        assertThat(admin.send("DELETE", "/admin/dataverse/orgs/counted/requests", null).statusCode()).isEqualTo(204);
        assertThat(json(admin.send("GET", "/admin/dataverse/orgs/counted/requests", null)).get("total").longValue())
                .isZero();
        assertThat(admin.send("GET", "/admin/dataverse/orgs/nosuch/requests", null).statusCode()).isEqualTo(404);
    }
}
