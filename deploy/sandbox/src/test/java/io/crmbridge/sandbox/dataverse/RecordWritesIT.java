package io.crmbridge.sandbox.dataverse;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.crmbridge.sandbox.dataverse.WebApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Creates, updates, upserts, deletes and associations over HTTPS, as reference §3 describes them. */
class RecordWritesIT {

    private static Sandbox sandbox;
    private static WebApiClient client;
    private static Org org;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
        org = sandbox.dataverse().org("writes");
        client = new WebApiClient(sandbox, "writes");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void createsWith204AndTheODataEntityIdHeader() {
        HttpResponse<String> response = client.post("accounts", "{\"name\":\"Contoso\"}");
        assertThat(response.statusCode()).isEqualTo(204);
        String entityId = response.headers().firstValue("OData-EntityId").orElseThrow();
        assertThat(entityId).matches(org.apiUrl().replace(".", "\\.") + "/accounts\\([0-9a-f-]{36}\\)");
        assertThat(response.headers().firstValue("OData-Version")).contains("4.0");
        assertThat(org.table("account").get(idIn(entityId)).orElseThrow()).containsEntry("name", "Contoso");
    }

    @Test
    void createsWith201AndTheRowWhenRepresentationIsPreferred() {
        HttpResponse<String> response = client.post("accounts?$select=name,revenue",
                "{\"name\":\"Fabrikam\",\"revenue\":1234.5}", "Prefer", "return=representation");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Preference-Applied")).contains("return=representation");
        assertThat(response.headers().firstValue("OData-EntityId")).isEmpty();
        JsonNode body = json(response);
        assertThat(body.get("@odata.context").stringValue()).endsWith("$metadata#accounts(name,revenue)/$entity");
        assertThat(body.get("@odata.etag").stringValue()).matches("W/\"\\d+\"");
        assertThat(body.get("revenue").decimalValue()).isEqualByComparingTo("1234.50");
        assertThat(body.get("accountid").stringValue()).matches("[0-9a-f-]{36}");
        assertThat(body.has("telephone1")).isFalse();
    }

    @Test
    void acceptsAClientSuppliedKeyAndRefusesItsDuplicateWith412() {
        UUID id = UUID.randomUUID();
        String body = "{\"accountid\":\"" + id + "\",\"name\":\"Mine\"}";
        assertThat(client.post("accounts", body).headers().firstValue("OData-EntityId").orElseThrow())
                .endsWith("accounts(" + id + ")");
        HttpResponse<String> duplicate = client.post("accounts", body);
        assertThat(duplicate.statusCode()).isEqualTo(412);
        assertError(duplicate, "0x80040237", "A record with matching key values already exists.");
    }

    @Test
    void updatesWithIfMatchStarAndAnswers404ForAMissingRow() {
        UUID id = org.table("account").create(Map.of("name", "Before"));
        assertThat(client.patch("accounts(" + id + ")", "{\"name\":\"After\"}", "If-Match", "*").statusCode())
                .isEqualTo(204);
        assertThat(org.table("account").get(id).orElseThrow()).containsEntry("name", "After");
        UUID missing = UUID.randomUUID();
        HttpResponse<String> notFound = client.patch("accounts(" + missing + ")", "{\"name\":\"x\"}", "If-Match", "*");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertError(notFound, "0x80040217", "account With Id = " + missing + " Does Not Exist");
        assertThat(org.table("account").get(missing)).isEmpty();
    }

    @Test
    void upsertsWithPatchByIdAndByAlternateKey() {
        UUID id = UUID.randomUUID();
        HttpResponse<String> created = client.patch("accounts(" + id + ")", "{\"name\":\"New\"}",
                "Prefer", "return=representation");
        assertThat(created.statusCode()).isEqualTo(201);
        HttpResponse<String> updated = client.patch("accounts(" + id + ")", "{\"name\":\"Again\"}",
                "Prefer", "return=representation");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.headers().firstValue("ETag")).contains(json(updated).get("@odata.etag").stringValue());
        HttpResponse<String> byKey = client.patch("accounts(accountnumber='UP-1')", "{\"name\":\"Keyed\"}");
        assertThat(byKey.statusCode()).isEqualTo(204);
        UUID keyed = idIn(byKey.headers().firstValue("OData-EntityId").orElseThrow());
        assertThat(org.table("account").get(keyed).orElseThrow())
                .containsEntry("accountnumber", "UP-1").containsEntry("name", "Keyed");
        client.patch("accounts(accountnumber='UP-1')", "{\"name\":\"Keyed 2\",\"accountnumber\":\"CHANGED\"}");
        assertThat(org.table("account").get(keyed).orElseThrow())
                .containsEntry("accountnumber", "UP-1").containsEntry("name", "Keyed 2");
    }

    @Test
    void refusesToUpdateAnExistingRowWithIfNoneMatchStar() {
        UUID id = org.table("account").create(Map.of("name", "Exists"));
        HttpResponse<String> response = client.patch("accounts(" + id + ")", "{\"name\":\"x\"}", "If-None-Match", "*");
        assertThat(response.statusCode()).isEqualTo(412);
        assertError(response, "0x80040237", "A record with matching key values already exists.");
        assertThat(client.patch("accounts(" + UUID.randomUUID() + ")", "{\"name\":\"x\"}", "If-None-Match", "*")
                .statusCode()).isEqualTo(204);
    }

    @Test
    void deletesAndThenAnswers404() {
        UUID id = org.table("account").create(Map.of("name", "Doomed"));
        assertThat(client.delete("accounts(" + id + ")").statusCode()).isEqualTo(204);
        HttpResponse<String> again = client.delete("accounts(" + id + ")");
        assertThat(again.statusCode()).isEqualTo(404);
        assertError(again, "0x80040217", "account With Id = " + id + " Does Not Exist");
    }

    @Test
    void addressesRowsBySingleAndMultiPartAlternateKeys() {
        UUID account = org.table("account").create(Map.of("name", "Keyed", "accountnumber", "ABC 1/2"));
        UUID contact = org.table("contact").create(Map.of("firstname", "Joe", "emailaddress1", "abc@example.com"));
        assertThat(json(client.get("accounts(accountnumber='ABC%201%2F2')?$select=name")).get("accountid")
                .stringValue()).isEqualTo(account.toString());
        HttpResponse<String> byTwoParts = client.get(
                "contacts(firstname='Joe',emailaddress1='abc@example.com')?$select=fullname");
        assertThat(json(byTwoParts).get("contactid").stringValue()).isEqualTo(contact.toString());
        assertThat(client.get("accounts(accountid=" + account + ")").statusCode()).isEqualTo(200);
        HttpResponse<String> missing = client.get("accounts(accountnumber='nope')");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").get("code").stringValue()).isEqualTo("0x80040217");
    }

    @Test
    void bindsLookupsThroughRelativeAndAbsoluteUrls() {
        UUID account = org.table("account").create(Map.of("name", "Parent"));
        UUID contact = org.table("contact").create(Map.of("firstname", "Ana", "lastname", "Kim"));
        HttpResponse<String> created = client.post("contacts", "{\"firstname\":\"Ben\","
                + "\"parentcustomerid_account@odata.bind\":\"/accounts(" + account + ")\"}");
        UUID ben = idIn(created.headers().firstValue("OData-EntityId").orElseThrow());
        client.patch("accounts(" + account + ")", "{\"primarycontactid@odata.bind\":\"" + org.apiUrl() + "/contacts("
                + contact + ")\"}");
        JsonNode read = json(client.get("accounts(" + account + ")?$select=_primarycontactid_value",
                "Prefer", "odata.include-annotations=\"*\""));
        assertThat(read.get("_primarycontactid_value").stringValue()).isEqualTo(contact.toString());
        assertThat(read.get("_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname").stringValue())
                .isEqualTo("contact");
        assertThat(read.get("_primarycontactid_value@OData.Community.Display.V1.FormattedValue").stringValue())
                .isEqualTo("Ana Kim");
        assertThat(org.table("contact").get(ben).orElseThrow()).containsEntry("_parentcustomerid_value", account);
        HttpResponse<String> dangling = client.post("contacts", "{\"parentcustomerid_account@odata.bind\":\"accounts("
                + UUID.randomUUID() + ")\"}");
        assertThat(dangling.statusCode()).isEqualTo(404);
        client.patch("accounts(" + account + ")", "{\"primarycontactid@odata.bind\":null}");
        assertThat(org.table("account").get(account).orElseThrow().get("_primarycontactid_value")).isNull();
    }

    @Test
    void associatesAndDisassociatesThroughRef() {
        UUID account = org.table("account").create(Map.of("name", "Customer"));
        UUID opportunity = org.table("opportunity").create(Map.of("name", "Deal"));
        UUID contact = org.table("contact").create(Map.of("firstname", "Cy"));
        assertThat(client.put("opportunities(" + opportunity + ")/customerid_account/$ref",
                "{\"@odata.id\":\"accounts(" + account + ")\"}").statusCode()).isEqualTo(204);
        assertThat(org.table("opportunity").get(opportunity).orElseThrow()).containsEntry("_customerid_value", account);
        assertThat(client.delete("opportunities(" + opportunity + ")/customerid_account/$ref").statusCode())
                .isEqualTo(204);
        assertThat(org.table("opportunity").get(opportunity).orElseThrow().get("_customerid_value")).isNull();
        assertThat(client.post("accounts(" + account + ")/contact_customer_accounts/$ref",
                "{\"@odata.id\":\"" + org.apiUrl() + "/contacts(" + contact + ")\"}").statusCode()).isEqualTo(204);
        assertThat(org.table("contact").get(contact).orElseThrow()).containsEntry("_parentcustomerid_value", account);
        assertThat(client.delete("accounts(" + account + ")/contact_customer_accounts(" + contact + ")/$ref")
                .statusCode()).isEqualTo(204);
        assertThat(org.table("contact").get(contact).orElseThrow().get("_parentcustomerid_value")).isNull();
        assertThat(client.delete("accounts(" + account + ")/contact_customer_accounts/$ref?$id=" + org.apiUrl()
                + "/contacts(" + contact + ")").statusCode()).isEqualTo(404);
    }

    @Test
    void refusesAStaleETagWith412OnUpdateAndDelete() {
        UUID id = org.table("account").create(Map.of("name", "Versioned"));
        String etag = json(client.get("accounts(" + id + ")?$select=name")).get("@odata.etag").stringValue();
        assertThat(client.patch("accounts(" + id + ")", "{\"name\":\"v2\"}", "If-Match", etag).statusCode())
                .isEqualTo(204);
        HttpResponse<String> stale = client.patch("accounts(" + id + ")", "{\"name\":\"v3\"}", "If-Match", etag);
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(json(stale).get("error").get("message").stringValue())
                .isEqualTo("The version of the existing record doesn't match the RowVersion property provided.");
        assertThat(client.delete("accounts(" + id + ")", "If-Match", etag).statusCode()).isEqualTo(412);
        assertThat(org.table("account").get(id).orElseThrow()).containsEntry("name", "v2");
    }

    @Test
    void takesETagsFromOneCounterPerOrgThatEveryWriteIncrements() {
        UUID account = org.table("account").create(Map.of("name", "A"));
        long first = version(client.get("accounts(" + account + ")?$select=versionnumber"));
        UUID contact = org.table("contact").create(Map.of("firstname", "B"));
        long contactVersion = version(client.get("contacts(" + contact + ")?$select=versionnumber"));
        client.patch("accounts(" + account + ")", "{\"name\":\"A2\"}");
        long second = version(client.get("accounts(" + account + ")?$select=versionnumber"));
        assertThat(contactVersion).isGreaterThan(first);
        assertThat(second).isGreaterThan(contactVersion);
    }

    @Test
    void keepsDecimalAndMoneyValuesExact() {
        HttpResponse<String> created = client.post("cr123_projects?$select=cr123_budget,cr123_discountrate,"
                + "cr123_externalsequence", "{\"cr123_name\":\"Exact\",\"cr123_budget\":922337203685.47,"
                + "\"cr123_discountrate\":0.1234,\"cr123_externalsequence\":9007199254740993}",
                "Prefer", "return=representation");
        assertThat(created.body()).contains("\"cr123_budget\":922337203685.4700")
                .contains("\"cr123_discountrate\":0.1234").contains("\"cr123_externalsequence\":9007199254740993");
    }

    @Test
    void writesAndClearsASingleColumn() {
        UUID id = org.table("contact").create(Map.of("firstname", "First", "lastname", "Last"));
        assertThat(client.put("contacts(" + id + ")/lastname", "{\"value\":\"BBBBB\"}").statusCode()).isEqualTo(204);
        assertThat(json(client.get("contacts(" + id + ")/lastname")).get("value").stringValue()).isEqualTo("BBBBB");
        assertThat(client.delete("contacts(" + id + ")/lastname").statusCode()).isEqualTo(204);
        assertThat(org.table("contact").get(id).orElseThrow()).containsEntry("fullname", "First")
                .containsEntry("lastname", null);
    }

    @Test
    void answers405ForPatchAndDeleteOnACollection() {
        assertThat(client.patch("accounts", "{\"name\":\"x\"}").statusCode()).isEqualTo(405);
        assertThat(client.delete("accounts").statusCode()).isEqualTo(405);
    }

    @Test
    void answers404ForAnUnknownEntitySet() {
        HttpResponse<String> response = client.get("widgets");
        assertThat(response.statusCode()).isEqualTo(404);
        assertError(response, "0x80060888", "Resource not found for the segment 'widgets'.");
    }

    @Test
    void rejectsUnknownColumnsWrongTypesAndTooLongText() {
        HttpResponse<String> unknown = client.post("accounts", "{\"nosuchcolumn\":1}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("error").get("message").stringValue())
                .contains("The property 'nosuchcolumn' does not exist on type 'Microsoft.Dynamics.CRM.account'");
        HttpResponse<String> wrongType = client.post("accounts", "{\"numberofemployees\":\"many\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType).get("error").get("message").stringValue())
                .contains("Cannot convert the literal 'many' to the expected type 'Edm.Int32'");
        HttpResponse<String> tooLong = client.post("accounts", "{\"name\":\"" + "x".repeat(161) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertError(tooLong, "0x80044331", "A validation error occurred.  The length of the 'name' attribute of the "
                + "'account' entity exceeded the maximum allowed length of '160'.");
        HttpResponse<String> badChoice = client.post("accounts", "{\"industrycode\":99}");
        assertThat(json(badChoice).get("error").get("code").stringValue()).isEqualTo("0x80044331");
    }

    @Test
    void refusesADuplicateAlternateKey() {
        client.post("cr123_projects", "{\"cr123_code\":\"DUP\"}");
        HttpResponse<String> duplicate = client.post("cr123_projects", "{\"cr123_code\":\"dup\"}");
        assertThat(duplicate.statusCode()).isEqualTo(412);
        assertThat(json(duplicate).get("error").get("code").stringValue()).isEqualTo("0x80060892");
    }

    static UUID idIn(String entityUrl) {
        return UUID.fromString(entityUrl.substring(entityUrl.lastIndexOf('(') + 1, entityUrl.length() - 1));
    }

    static void assertError(HttpResponse<String> response, String code, String message) {
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").stringValue()).isEqualTo(code);
        assertThat(error.get("message").stringValue()).isEqualTo(message);
    }

    private static long version(HttpResponse<String> response) {
        JsonNode body = json(response);
        assertThat(body.get("@odata.etag").stringValue()).isEqualTo("W/\"" + body.get("versionnumber").longValue()
                + "\"");
        return body.get("versionnumber").longValue();
    }
}
