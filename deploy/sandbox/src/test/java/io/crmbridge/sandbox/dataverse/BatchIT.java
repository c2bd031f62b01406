package io.crmbridge.sandbox.dataverse;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code $batch} over HTTPS (reference §4): change sets, references, rollback, continue-on-error, limits. */
class BatchIT {

    private static final String TOO_LONG = "x".repeat(161);
    private static Sandbox sandbox;
    private static WebApiClient client;
    private static Org org;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
        org = sandbox.dataverse().org("batches");
        client = new WebApiClient(sandbox, "batches");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void runsAChangeSetWithContentIdReferencesInUrlsAndBodies() {
        String body = "--batch_AAA123\r\n"
                + "Content-Type: multipart/mixed; boundary=changeset_BBB\r\n\r\n"
                + changeSetPart("changeset_BBB", "1", "POST", org.apiUrl() + "/leads", "{\"firstname\":\"first name\","
                + "\"lastname\":\"last name\"}")
                + changeSetPart("changeset_BBB", "2", "POST", "/api/data/v9.2/contacts", "{\"firstname\":\"Contact\"}")
                + changeSetPart("changeset_BBB", "3", "POST", "/api/data/v9.2/accounts", "{\"name\":\"IcM Account\","
                + "\"originatingleadid@odata.bind\":\"$1\",\"primarycontactid@odata.bind\":\"$2\"}")
                + changeSetPart("changeset_BBB", "4", "PUT", "$2/lastname", "{\"value\":\"BBBBB\"}")
                + "--changeset_BBB--\r\n--batch_AAA123--\r\n";
        HttpResponse<String> response = send(body);
        assertThat(response.statusCode()).isEqualTo(200);
        String boundary = boundaryOf(response);
        assertThat(boundary).matches("batchresponse_[0-9a-f-]{36}");
        assertThat(response.body()).startsWith("--" + boundary + "\r\nContent-Type: multipart/mixed; "
                + "boundary=changesetresponse_").endsWith("--" + boundary + "--\r\n");
        assertThat(response.body()).contains("Content-ID: 1\r\n\r\nHTTP/1.1 204 No Content\r\nOData-Version: 4.0\r\n"
                + "Location: " + org.apiUrl() + "/leads(");
        assertThat(count(response.body(), "HTTP/1.1 204 No Content")).isEqualTo(4);
        UUID account = idAfter(response.body(), "accounts(");
        UUID lead = idAfter(response.body(), "leads(");
        UUID contact = idAfter(response.body(), "contacts(");
        assertThat(org.table("account").get(account).orElseThrow())
                .containsEntry("_originatingleadid_value", lead).containsEntry("_primarycontactid_value", contact);
        assertThat(org.table("contact").get(contact).orElseThrow()).containsEntry("lastname", "BBBBB");
    }

    @Test
    void rollsBackTheWholeChangeSetWhenOneOperationFails() {
        int before = org.table("account").count();
        String body = "--batch_x\r\nContent-Type: multipart/mixed; boundary=changeset_y\r\n\r\n"
                + changeSetPart("changeset_y", "1", "POST", "/api/data/v9.2/accounts", "{\"name\":\"rolled back\"}")
                + changeSetPart("changeset_y", "2", "POST", "/api/data/v9.2/accounts", "{\"name\":\"" + TOO_LONG + "\"}")
                + "--changeset_y--\r\n--batch_x--\r\n";
        HttpResponse<String> response = send(body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(count(response.body(), "HTTP/1.1 ")).isEqualTo(1);
        assertThat(response.body()).contains("HTTP/1.1 400 Bad Request\r\nREQ_ID: ")
                .contains("{\"error\":{\"code\":\"0x80044331\"");
        assertThat(org.table("account").count()).isEqualTo(before);
    }

    @Test
    void stopsAtTheFirstFailureAndAnswersOnlyThatPart() {
        int before = org.table("account").count();
        String body = part("batch_s", "POST", "/api/data/v9.2/accounts", "{\"name\":\"" + TOO_LONG + "\"}")
                + part("batch_s", "POST", "/api/data/v9.2/accounts", "{\"name\":\"never\"}")
                + "--batch_s--\r\n";
        HttpResponse<String> response = send(body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).matches("(?s)--batchresponse_[0-9a-f-]{36}\r\nContent-Type: application/http\r\n"
                + "Content-Transfer-Encoding: binary\r\n\r\nHTTP/1.1 400 Bad Request\r\nREQ_ID: [0-9a-f-]{36}\r\n"
                + "Content-Type: application/json; odata.metadata=minimal\r\nOData-Version: 4.0\r\n\r\n"
                + "\\{\"error\":\\{\"code\":\"0x80044331\",\"message\":\"A validation error occurred.  The length of "
                + "the 'name' attribute of the 'account' entity exceeded the maximum allowed length of '160'.\"}}\r\n"
                + "--batchresponse_[0-9a-f-]{36}--\r\n");
        assertThat(org.table("account").count()).isEqualTo(before);
    }

    @Test
    void answersEveryPartWithContinueOnError() {
        String body = part("batch_c", "POST", "/api/data/v9.2/accounts", "{\"name\":\"" + TOO_LONG + "\"}")
                + part("batch_c", "POST", "/api/data/v9.2/accounts", "{\"name\":\"second\"}")
                + part("batch_c", "GET", "/api/data/v9.2/accounts?$select=name&$filter=name eq 'second'", null)
                + "--batch_c--\r\n";
        HttpResponse<String> response = send(body, "Prefer", "odata.continue-on-error");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(count(response.body(), "HTTP/1.1 ")).isEqualTo(3);
        assertThat(response.body()).contains("HTTP/1.1 400 Bad Request\r\nREQ_ID: ")
                .contains("HTTP/1.1 204 No Content\r\nOData-Version: 4.0\r\nLocation: ")
                .contains("HTTP/1.1 200 OK\r\nContent-Type: application/json; odata.metadata=minimal; "
                        + "odata.streaming=true\r\nOData-Version: 4.0")
                .contains("\"name\":\"second\"");
    }

    @Test
    void answersAFailedChangeSetWithOneErrorPartUnderContinueOnError() {
        String body = "--batch_o\r\nContent-Type: multipart/mixed; boundary=changeset_o\r\n\r\n"
                + changeSetPart("changeset_o", "1", "POST", "/api/data/v9.2/accounts", "{\"name\":\"a\"}")
                + changeSetPart("changeset_o", "2", "PATCH", "/api/data/v9.2/accounts(" + UUID.randomUUID() + ")",
                "{\"name\":\"b\"}", "If-Match: *")
                + "--changeset_o--\r\n"
                + part("batch_o", "POST", "/api/data/v9.2/accounts", "{\"name\":\"after the change set\"}")
                + "--batch_o--\r\n";
        HttpResponse<String> response = send(body, "Prefer", "odata.continue-on-error");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("changesetresponse_");
        assertThat(count(response.body(), "HTTP/1.1 ")).isEqualTo(2);
        assertThat(response.body()).contains("HTTP/1.1 404 Not Found").contains("0x80040217");
    }

    @Test
    void refusesAReferenceToAContentIdNotYetDeclared() {
        String body = "--batch_r\r\nContent-Type: multipart/mixed; boundary=changeset_r\r\n\r\n"
                + changeSetPart("changeset_r", "2", "POST", "/api/data/v9.2/contacts",
                "{\"firstname\":\"x\",\"parentcustomerid_account@odata.bind\":\"$1\"}")
                + changeSetPart("changeset_r", "1", "POST", "/api/data/v9.2/accounts", "{\"name\":\"QQQQ\"}")
                + "--changeset_r--\r\n--batch_r--\r\n";
        HttpResponse<String> response = send(body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Content-ID Reference: '$1' does not exist in the batch context.");
    }

    @Test
    void refusesMoreThanAThousandRequests() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            body.append(part("batch_m", "POST", "/api/data/v9.2/accounts", "{\"name\":\"n" + i + "\"}"));
        }
        int before = org.table("account").count();
        HttpResponse<String> response = send(body + "--batch_m--\r\n");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(org.table("account").count()).isEqualTo(before);
    }

    @Test
    void runsAThousandRequestsAndCountsThemAsOneRequest() {
        org.resetRequestCounts();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            body.append(part("batch_k", "POST", "/api/data/v9.2/cr123_projects", "{\"cr123_name\":\"p" + i + "\"}"));
        }
        HttpResponse<String> response = send(body + "--batch_k--\r\n");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(count(response.body(), "HTTP/1.1 204 No Content")).isEqualTo(1000);
        assertThat(org.requestCounts().withStatus(200)).isEqualTo(1);
        assertThat(org.requestCounts().batchOperations()).isEqualTo(1000);
    }

    @Test
    void refusesAGetInsideAChangeSet() {
        org.table("account").create(Map.of("name", "x"));
        String body = "--batch_g\r\nContent-Type: multipart/mixed; boundary=changeset_g\r\n\r\n"
                + changeSetPart("changeset_g", "1", "GET", "/api/data/v9.2/accounts", "")
                + "--changeset_g--\r\n--batch_g--\r\n";
        assertThat(send(body).statusCode()).isEqualTo(400);
    }

    private static HttpResponse<String> send(String body, String... headers) {
        String boundary = body.substring(2, body.indexOf("\r\n"));
        HttpRequest.Builder request = client.request("$batch")
                .header("Content-Type", "multipart/mixed; boundary=\"" + boundary + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return client.send(headers.length == 0 ? request : request.headers(headers));
    }

    static String part(String boundary, String method, String url, String json) {
        return "--" + boundary + "\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
                + method + " " + url + " HTTP/1.1\r\n"
                + (json == null ? "\r\n\r\n" : "Content-Type: application/json; type=entry\r\n\r\n" + json + "\r\n");
    }

    static String changeSetPart(String boundary, String contentId, String method, String url, String json,
                                String... headers) {
        return "--" + boundary + "\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n"
                + "Content-ID: " + contentId + "\r\n\r\n" + method + " " + url + " HTTP/1.1\r\n"
                + String.join("", java.util.Arrays.stream(headers).map(h -> h + "\r\n").toList())
                + "Content-Type: application/json\r\n\r\n" + json + "\r\n\r\n";
    }

    private static String boundaryOf(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElseThrow();
        assertThat(type).startsWith("multipart/mixed; boundary=");
        return type.substring("multipart/mixed; boundary=".length());
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }

    private static UUID idAfter(String text, String prefix) {
        Matcher matcher = Pattern.compile("OData-EntityId: [^\r]*/" + Pattern.quote(prefix) + "([0-9a-f-]{36})\\)")
                .matcher(text);
        assertThat(matcher.find()).isTrue();
        return UUID.fromString(matcher.group(1));
    }
}
