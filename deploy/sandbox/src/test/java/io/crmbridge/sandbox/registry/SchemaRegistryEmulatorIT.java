package io.crmbridge.sandbox.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The emulator's REST surface as any Confluent client sees it, through a raw JDK HTTP client. */
class SchemaRegistryEmulatorIT {

    private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Schema V1 = SchemaBuilder.record("Order").namespace("it.emulator").fields()
            .requiredString("id").endRecord();
    private static final Schema V2 = SchemaBuilder.record("Order").namespace("it.emulator").fields()
            .requiredString("id").optionalString("note").endRecord();
    private static final Schema INCOMPATIBLE = SchemaBuilder.record("Order").namespace("it.emulator").fields()
            .requiredString("id").requiredInt("lines").endRecord();

    private static Sandbox sandbox;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Test
    void registersAndServesSubjectsVersionsAndSchemasAsConfluentDoes() throws Exception {
        JsonNode registered = call("POST", "/subjects/orders-value/versions?normalize=false",
                "{\"schema\": " + quoted(V1) + ", \"schemaType\": \"AVRO\", \"references\": []}", 200);
        int id = registered.get("id").asInt();
        call("POST", "/subjects/orders-value/versions", "{\"schema\": " + quoted(V2) + "}", 200);

        assertThat(call("GET", "/subjects", null, 200).toString()).contains("\"orders-value\"");
        assertThat(call("GET", "/subjects/orders-value/versions", null, 200).toString()).isEqualTo("[1,2]");
        JsonNode latest = call("GET", "/subjects/orders-value/versions/latest", null, 200);
        assertThat(latest.get("subject").asString()).isEqualTo("orders-value");
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(new Schema.Parser().parse(latest.get("schema").asString())).isEqualTo(V2);
        assertThat(latest.has("schemaType")).isFalse();
        assertThat(call("GET", "/subjects/orders-value/versions/1", null, 200).get("id").asInt()).isEqualTo(id);
        assertThat(new Schema.Parser().parse(call("GET", "/subjects/orders-value/versions/1/schema", null, 200)
                .toString())).isEqualTo(V1);
        JsonNode byId = call("GET", "/schemas/ids/" + id + "?subject=orders-value&fetchMaxId=false", null, 200);
        assertThat(new Schema.Parser().parse(byId.get("schema").asString())).isEqualTo(V1);
        assertThat(call("GET", "/schemas/ids/" + id + "/versions", null, 200).toString())
                .isEqualTo("[{\"subject\":\"orders-value\",\"version\":1}]");
        assertThat(call("GET", "/schemas/types", null, 200).toString()).isEqualTo("[\"AVRO\"]");
        JsonNode lookup = call("POST", "/subjects/orders-value?normalize=false&deleted=false",
                "{\"schema\": " + quoted(V1) + "}", 200);
        assertThat(lookup.get("id").asInt()).isEqualTo(id);
        assertThat(lookup.get("version").asInt()).isEqualTo(1);
    }

    @Test
    void answersCompatibilityChecksAndLevels() throws Exception {
        call("POST", "/subjects/levels-value/versions", "{\"schema\": " + quoted(V1) + "}", 200);

        assertThat(call("POST", "/compatibility/subjects/levels-value/versions/latest",
                "{\"schema\": " + quoted(V2) + "}", 200).toString()).isEqualTo("{\"is_compatible\":true}");
        JsonNode refused = call("POST", "/compatibility/subjects/levels-value/versions/1?verbose=true",
                "{\"schema\": " + quoted(INCOMPATIBLE) + "}", 200);
        assertThat(refused.get("is_compatible").asBoolean()).isFalse();
        assertThat(refused.get("messages").toString()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");

        assertThat(call("GET", "/config", null, 200).toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        call("GET", "/config/levels-value", null, 404);
        assertThat(call("GET", "/config/levels-value?defaultToGlobal=true", null, 200).toString())
                .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(call("PUT", "/config/levels-value", "{\"compatibility\": \"NONE\"}", 200).toString())
                .isEqualTo("{\"compatibility\":\"NONE\"}");
        assertThat(call("POST", "/compatibility/subjects/levels-value/versions/latest",
                "{\"schema\": " + quoted(INCOMPATIBLE) + "}", 200).get("is_compatible").asBoolean()).isTrue();
        call("PUT", "/config/levels-value", "{\"compatibility\": \"SIDEWAYS\"}", 422);
    }

    @ParameterizedTest(name = "{0} {1} -> {3} / {4}")
    @CsvSource(delimiter = '|', value = {
            "GET    | /subjects/nobody-value/versions          |                         | 404 | 40401",
            "GET    | /subjects/nobody-value/versions/latest   |                         | 404 | 40401",
            "GET    | /subjects/errors-value/versions/9        |                         | 404 | 40402",
            "GET    | /schemas/ids/424242                      |                         | 404 | 40403",
            "POST   | /subjects/errors-value                   | {\"schema\": \"\\\"long\\\"\"} | 404 | 40403",
            "GET    | /subjects/errors-value/versions/0        |                         | 422 | 42202",
            "GET    | /subjects/errors-value/versions/first    |                         | 422 | 42202",
            "POST   | /subjects/errors-value/versions          | {\"schema\": \"{not avro\"} | 422 | 42201",
            "POST   | /subjects/errors-value/versions          "
                    + "| {\"schema\": \"\\\"string\\\"\", \"schemaType\": \"PROTOBUF\"} | 422 | 42201",
            "POST   | /subjects/errors-value/versions          | {\"schema\": \"\\\"int\\\"\"} | 409 | 409",
            "POST   | /subjects/errors-value/versions          | not json                | 400 | 400",
    })
    void answersErrorsWithConfluentCodesAndBody(String method, String path, String body, int status, int errorCode)
            throws Exception {
        call("POST", "/subjects/errors-value/versions", "{\"schema\": \"\\\"string\\\"\"}", 200);

        JsonNode error = call(method.trim(), path.trim(), body, status);

        assertThat(error.get("error_code").asInt()).isEqualTo(errorCode);
        assertThat(error.get("message").asString()).isNotBlank();
    }

    @Test
    void namesTheMissingSubjectAsConfluentDoes() throws Exception {
        assertThat(call("GET", "/subjects/x/versions", null, 404).toString())
                .isEqualTo("{\"error_code\":40401,\"message\":\"Subject 'x' not found.\"}");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /exporters",
            "GET, /dek-registry/v1/keks",
            "PATCH, /subjects/orders-value/versions",
            "DELETE, /schemas/types",
            "PUT, /subjects",
            "POST, /schemas/ids/1",
            "GET, /v1/metadata/id",
    })
    void answersUnknownEndpointsWith404NeverA405Or500(String method, String path) throws Exception {
        assertThat(call(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}", 404).toString())
                .isEqualTo("{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
    }

    @Test
    void softDeletesAndThenPermanentlyDeletesASubject() throws Exception {
        call("POST", "/subjects/gone-value/versions", "{\"schema\": " + quoted(V1) + "}", 200);

        assertThat(call("DELETE", "/subjects/gone-value?permanent=true", null, 404).get("error_code").asInt())
                .isEqualTo(40405);
        assertThat(call("DELETE", "/subjects/gone-value", null, 200).toString()).isEqualTo("[1]");
        assertThat(call("GET", "/subjects", null, 200).toString()).doesNotContain("gone-value");
        assertThat(call("GET", "/subjects?deleted=true", null, 200).toString()).contains("gone-value");
        assertThat(call("DELETE", "/subjects/gone-value?permanent=true", null, 200).toString()).isEqualTo("[1]");
        assertThat(call("GET", "/subjects?deleted=true", null, 200).toString()).doesNotContain("gone-value");
    }

    @Test
    void leavesTheAdminApiOnTheSamePortToTheAdmin() throws Exception {
        HttpResponse<String> admin = send("GET", "/admin", null);

        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.headers().firstValue("Content-Type")).isPresent().get().asString()
                .doesNotContain("schemaregistry");
    }

    private JsonNode call(String method, String path, String body, int expectedStatus)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + " -> " + response.body()).isEqualTo(expectedStatus);
        assertThat(response.headers().firstValue("Content-Type")).as("content type of " + method + " " + path)
                .contains(MEDIA_TYPE);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.registryUrl() + path))
                .header("Content-Type", MEDIA_TYPE).header("Accept", MEDIA_TYPE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String quoted(Schema schema) {
        return JSON.writeValueAsString(schema.toString());
    }
}
