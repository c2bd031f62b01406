package io.crmbridge.sandbox.dataverse;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.crmbridge.sandbox.dataverse.WebApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the requests of the reference and Microsoft's docs and compares the answers with the documented shapes
 * stored under {@code src/test/resources/dataverse}.
 */
class DocumentedShapesIT {

    private static Sandbox sandbox;
    private static WebApiClient client;
    private static Org org;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
        org = sandbox.dataverse().org("docs");
        client = new WebApiClient(sandbox, "docs");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void answersTheInitialSyncAndTheDeltaAsDocumented() {
        Org tracked = sandbox.dataverse().org("docs-tracking");
        WebApiClient trackedClient = new WebApiClient(sandbox, tracked.name());
        UUID monte = tracked.table("account").create(Map.of("name", "Monte Orton", "telephone1", "555000",
                "fax", "10101"));
        HttpResponse<String> initial = trackedClient.get("accounts?$select=name,accountnumber,telephone1,fax",
                "Prefer", "odata.track-changes");
        assertThat(initial.headers().firstValue("Preference-Applied")).contains("odata.track-changes");
        Shapes.assertJson("initial-sync-response.json", json(initial), tracked.apiUrl());
        UUID gone = tracked.table("account").create(Map.of("name", "Gone"));
        String deltaLink = json(trackedClient.get("accounts?$select=name,telephone1,fax",
                "Prefer", "odata.track-changes")).get("@odata.deltaLink").stringValue();
        tracked.table("account").update(monte, Map.of("telephone1", "555000"));
        tracked.table("account").delete(gone);
        Shapes.assertJson("delta-response.json", json(trackedClient.get(deltaLink, "Prefer", "odata.track-changes")),
                tracked.apiUrl());
    }

    @Test
    void answersACreateWith204AndTheDocumentedHeaders() {
        HttpResponse<String> response = client.post("accounts", "{\"name\":\"Sample Account\"}");
        String head = "HTTP/1.1 " + response.statusCode() + " No Content\r\nOData-Version: "
                + response.headers().firstValue("OData-Version").orElse("") + "\r\nOData-EntityId: "
                + response.headers().firstValue("OData-EntityId").orElse("");
        Shapes.assertText("create-response.http", head + "\r\n", org.apiUrl());
        assertThat(response.body()).isEmpty();
    }

    @Test
    void answersUpsertConflictsAndMissingRowsWithTheDocumentedBodies() {
        UUID id = org.table("account").create(Map.of("name", "Existing"));
        HttpResponse<String> conflict = client.patch("accounts(" + id + ")", "{\"name\":\"x\"}", "If-None-Match", "*");
        assertThat(conflict.statusCode()).isEqualTo(412);
        Shapes.assertJson("upsert-if-none-match-412.json", json(conflict), org.apiUrl());
        HttpResponse<String> missing = client.patch("accounts(00000000-0000-0000-0000-000000000001)",
                "{\"name\":\"x\"}", "If-Match", "*");
        assertThat(missing.statusCode()).isEqualTo(404);
        Shapes.assertJson("update-missing-404.json", json(missing), org.apiUrl());
    }

    @Test
    void annotatesAsTheDocumentedExampleDoes() {
        UUID contact = org.table("contact").create(Map.of("firstname", "Susanna", "lastname", "Stubberod (sample)"));
        UUID account = org.table("account").create(Map.of("name", "Annotated", "revenue", new BigDecimal("20000"),
                "customertypecode", 1, "primarycontactid", contact));
        HttpResponse<String> response = client.get("accounts(" + account + ")?$select=revenue,_primarycontactid_value,"
                + "customertypecode,modifiedon", "Prefer", "odata.include-annotations=\"*\"");
        var body = (tools.jackson.databind.node.ObjectNode) json(response);
        body.remove("@odata.context");
        Shapes.assertJson("formatted-values.json", body, org.apiUrl());
    }

    @Test
    void answersTheDocumentedChangeSetWithTheDocumentedLayout() {
        String request = Shapes.resource("batch-changeset-request.http").replace("\r\n", "\n").replace("\n", "\r\n")
                .replace("[Organization URI]", org.url());
        HttpResponse<String> response = batch(request, "batch_AAA123");
        assertThat(response.statusCode()).isEqualTo(200);
        Shapes.assertText("batch-changeset-response.http", response.body(), org.apiUrl());
    }

    @Test
    void answersTheDocumentedFailingBatchWithOnlyTheFailingPart() {
        String request = Shapes.resource("batch-error-request.http").replace("\r\n", "\n").replace("\n", "\r\n");
        HttpResponse<String> response = batch(request, "batch_431faf5a-f979-4ee6-a374-d242f8962d41");
        assertThat(response.statusCode()).isEqualTo(400);
        Shapes.assertText("batch-error-response.http", response.body(), org.apiUrl());
    }

    private static HttpResponse<String> batch(String body, String boundary) {
        return client.send(client.request("$batch")
                .header("Content-Type", "multipart/mixed; boundary=\"" + boundary + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
