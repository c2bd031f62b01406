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
