package io.crmbridge.sandbox.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.schemas.registry.Compatibility;
import io.crmbridge.schemas.registry.RegisteredSchema;
import io.crmbridge.schemas.registry.RegistrySettings;
import io.crmbridge.schemas.registry.RestSchemaRegistry;
import io.crmbridge.schemas.registry.SchemaRegistry;
import io.crmbridge.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RestSchemaRegistry} over real HTTP: against the sandbox's emulator, and against tiny JDK servers. */
class RestSchemaRegistryIT {

    private static final Schema V1 = SchemaBuilder.record("Account").namespace("it.rest").fields()
            .requiredString("id").endRecord();
    private static final Schema V2 = SchemaBuilder.record("Account").namespace("it.rest").fields()
            .requiredString("id").optionalString("name").endRecord();
    private static final Schema INCOMPATIBLE = SchemaBuilder.record("Account").namespace("it.rest").fields()
            .requiredString("id").requiredLong("revision").endRecord();

    private static Sandbox sandbox;
    private static String url;
    private HttpServer stub;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
        url = sandbox.registryUrl().toString();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @AfterEach
    void stopStub() {
        if (stub != null) {
            stub.stop(0);
        }
    }

    @Test
    void registersAndReadsBackByIdAndAsTheLatestVersion() {
        int id = client().register("accounts-value", V1);
        int idAgain = client().register("accounts-value", V1);
        int v2 = client().register("accounts-value", V2);

        SchemaRegistry fresh = client();
        assertThat(idAgain).isEqualTo(id);
        assertThat(fresh.schemaById(id)).isEqualTo(V1);
        assertThat(fresh.latest("accounts-value")).isEqualTo(new RegisteredSchema("accounts-value", v2, 2, V2));
        assertThat(fresh.lookup("accounts-value", V1)).isEqualTo(new RegisteredSchema("accounts-value", id, 1, V1));
        assertThat(sandbox.registry().registry().versions("accounts-value", false)).containsExactly(1, 2);
    }

    @Test
    void checksCompatibilityAgainstTheLatestVersion() {
        client().register("contacts-value", V1);

        assertThat(client().isCompatible("contacts-value", V2)).isTrue();
        assertThat(client().isCompatible("contacts-value", INCOMPATIBLE)).isFalse();
        assertThat(client().isCompatible("never-registered-value", INCOMPATIBLE)).isTrue();
    }

    @Test
    void setsASubjectsOwnCompatibilityLevel() {
        client().register("orders-value", V1);

        client().setCompatibility("orders-value", Compatibility.NONE);

        assertThat(sandbox.registry().registry().subjectCompatibility("orders-value")).contains(Compatibility.NONE);
        assertThat(client().isCompatible("orders-value", INCOMPATIBLE)).as("NONE accepts anything").isTrue();
    }

    @Test
    void namesTheMissingSubjectWithStatusAndErrorCode() {
        assertThatThrownBy(() -> client().latest("missing-value"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40401);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains(url, "HTTP 404", "error_code 40401",
                            "GET /subjects/missing-value/versions/latest", "Subject 'missing-value' not found.");
                });
        assertThatThrownBy(() -> client().lookup("missing-value", V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
        assertThatThrownBy(() -> client().schemaById(987_654))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    @Test
    void refusesAnIncompatibleSchemaWith409AndTheReason() {
        client().register("leads-value", V1);

        assertThatThrownBy(() -> client().register("leads-value", INCOMPATIBLE))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("HTTP 409", "incompatible", "leads-value",
                            "READER_FIELD_MISSING_DEFAULT_VALUE");
                });
    }

    @Test
    void encodesSubjectNamesThatAreNotPlainPathSegments() {
        String subject = "team a/crm:changes-value";

        int id = client().register(subject, V1);

        assertThat(client().latest(subject).id()).isEqualTo(id);
        assertThat(sandbox.registry().registry().subjects(false)).contains(subject);
    }

    @Test
    void failsClearlyAndRetryablyWhenTheRegistryIsUnreachable() throws IOException {
        String closed = "http://localhost:" + closedPort();

        assertThatThrownBy(() -> client(closed).schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("unreachable", closed, "GET /schemas/ids/1");
                });
    }

    @Test
    void movesOnToTheNextUrlWhenOneIsUnreachable() throws IOException {
        String urls = "http://localhost:" + closedPort() + "," + url;

        assertThat(client(urls).register("failover-value", V1)).isPositive();
    }

    @Test
    void flagsA5xxAnswerAsRetryable() throws IOException {
        stub = stub(500, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}",
                new CopyOnWriteArrayList<>());

        assertThatThrownBy(() -> client(stubUrl()).register("any-value", V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.errorCode()).isEqualTo(50001);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains(stubUrl(), "HTTP 500", "error_code 50001",
                            "Error in the backend data store", "retryable");
                });
    }

    @Test
    void describesANonJsonErrorFromAProxy() throws IOException {
        stub = stub(503, "<html>upstream connect error</html>", new CopyOnWriteArrayList<>());

        assertThatThrownBy(() -> client(stubUrl()).schemaById(3))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.errorCode()).isEqualTo(503);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("upstream connect error");
                });
    }

    @Test
    void sendsBasicAuthConfluentsMediaTypeAndTheSchemaAsAJsonString() throws IOException {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        stub = stub(200, "{\"id\": 7}", seen);

        int id = new RestSchemaRegistry(RegistrySettings.from(Map.of(
                "schema.registry.url", stubUrl(),
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "svc-bridge:s3cret"))).register("auth-value", V1);

        assertThat(id).isEqualTo(7);
        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/subjects/auth-value/versions");
            assertThat(request.authorization()).isEqualTo("Basic c3ZjLWJyaWRnZTpzM2NyZXQ=");
            assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
            JsonNode body = JsonMapper.builder().build().readTree(request.body());
            assertThat(body.get("schema").isString()).isTrue();
            assertThat(new Schema.Parser().parse(body.get("schema").asString())).isEqualTo(V1);
        });
    }

    @Test
    void takesCredentialsFromTheUrlAndNeverPrintsThem() throws IOException {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        stub = stub(404, "{\"error_code\":40403,\"message\":\"Schema 5 not found\"}", seen);
        String withCredentials = "http://svc-bridge:s3cret@localhost:" + stub.getAddress().getPort();

        assertThatThrownBy(() -> client(withCredentials).schemaById(5))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining(stubUrl()).hasMessageNotContaining("s3cret");
        assertThat(seen).singleElement().extracting(Seen::authorization).isEqualTo("Basic c3ZjLWJyaWRnZTpzM2NyZXQ=");
    }

    private record Seen(String method, String path, String authorization, String contentType, String body) {
    }

    private HttpServer stub(int status, String answer, List<Seen> seen) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> answer(exchange, status, answer, seen));
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, int status, String answer, List<Seen> seen) throws IOException {
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String stubUrl() {
        return "http://localhost:" + stub.getAddress().getPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static SchemaRegistry client() {
        return client(url);
    }

    private static SchemaRegistry client(String urls) {
        return new RestSchemaRegistry(RegistrySettings.from(Map.of("schema.registry.url", urls)));
    }
}
