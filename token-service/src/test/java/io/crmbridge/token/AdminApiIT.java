package io.crmbridge.token;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.token.AccessTokenGrants;
import io.crmbridge.events.ConnectionDefinition;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.identity.IdentitySeeds;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.token.fixtures.AdminClient;
import io.crmbridge.token.fixtures.Grants;
import io.crmbridge.token.fixtures.TokenServiceRun;
import io.crmbridge.token.fixtures.TopicTap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The admin API, the connections page, security, health and metrics of a running service. */
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1", "group.initial.rebalance.delay.ms=0"})
class AdminApiIT {

    private static final String SCOPE = "admin-api-it";

    private static Sandbox sandbox;
    private static String brokers;
    private static String org;
    private static Path secret;
    private static TokenServiceRun service;
    private static AdminClient admin;
    private static TopicTap tap;
    private static AccessTokenGrants grants;

    @BeforeAll
    static void start() throws IOException {
        brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
        sandbox = Sandbox.start(SandboxSettings.defaults());
        org = sandbox.httpsBase() + "/org/contoso";
        secret = Files.createTempFile("secret", ".txt");
        Files.writeString(secret, IdentitySeeds.SECRET_CLIENT_SECRET);
        Map<String, String> properties = TokenServiceRun.defaults(brokers, SCOPE, sandbox);
        properties.put("crmbridge.token.connections[0].id", "from-yaml");
        properties.put("crmbridge.token.connections[0].org-url", org);
        properties.put("crmbridge.token.connections[0].authority", sandbox.identity().entraAuthority());
        properties.put("crmbridge.token.connections[0].auth-kind", "CLIENT_CREDENTIALS");
        properties.put("crmbridge.token.connections[0].client-id", IdentitySeeds.SECRET_CLIENT_ID);
        properties.put("crmbridge.token.connections[0].client-secret", "file:" + secret);
        properties.put("crmbridge.token.connections[0].client-secret-expires-at", "2020-01-01");
        properties.put("crmbridge.token.connections[1].id", "missing-secret");
        properties.put("crmbridge.token.connections[1].org-url", org);
        properties.put("crmbridge.token.connections[1].authority", sandbox.identity().entraAuthority());
        properties.put("crmbridge.token.connections[1].auth-kind", "CLIENT_CREDENTIALS");
        properties.put("crmbridge.token.connections[1].client-id", IdentitySeeds.SECRET_CLIENT_ID);
        properties.put("crmbridge.token.connections[1].client-secret", "env:CRMBRIDGE_TEST_UNSET_SECRET");
        service = TokenServiceRun.start(properties);
        admin = new AdminClient(service.baseUrl());
        tap = new TopicTap(brokers, SCOPE);
        grants = Grants.follow(brokers, SCOPE);
        await().untilAsserted(() -> assertThat(admin.state("from-yaml")).isEqualTo("ACTIVE"));
    }

    @AfterAll
    static void stop() {
        grants.close();
        service.close();
        tap.close();
        sandbox.close();
    }

    private static String draft(String id, String secretReference) {
        return """
                {"id": "%s", "displayName": "Made by the API", "orgUrl": "%s", "authority": "%s",
                 "authKind": "CLIENT_CREDENTIALS", "clientId": "%s", "clientSecret": "%s"}
                """.formatted(id, org, sandbox.identity().entraAuthority(), IdentitySeeds.SECRET_CLIENT_ID,
                secretReference);
    }

    @Test
    void createsTheTopicsItOwnsAndIsReadyWhenKafkaIs() throws Exception {
        try (Admin kafka = Admin.create(Map.of("bootstrap.servers", brokers))) {
            assertThat(kafka.listTopics().names().get()).contains("crm.connections", "crm.connection-events",
                    "crm.access-tokens", "crm.token-requests", "crm.token-vault");
        }
        HttpResponse<String> readiness = AdminClient.anonymous(service.baseUrl())
                .get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
        assertThat(readiness.body()).contains("\"kafka\":{\"status\":\"UP\"}");
        JsonNode details = admin.json("/actuator/health").path("components").path("kafka").path("details");
        assertThat(details.path("brokers").asInt()).isEqualTo(1);
        assertThat(details.path("definitionsRead").asBoolean()).isTrue();
        assertThat(details.path("ownedPartitions").size()).isEqualTo(6);
    }

    @Test
    void theApiAndThePageNeedTheAdminCredentials() {
        AdminClient stranger = new AdminClient(service.baseUrl(), TokenServiceRun.ADMIN, "wrong");

        assertThat(stranger.get("/api/connections").statusCode()).isEqualTo(401);
        assertThat(stranger.get("/connections").statusCode()).isEqualTo(401);
        assertThat(stranger.get("/connections/from-yaml/connect").statusCode()).isEqualTo(401);
        assertThat(stranger.post("/api/connections", draft("intruder", "env:X")).statusCode()).isEqualTo(401);
        assertThat(AdminClient.anonymous(service.baseUrl()).get("/api/connections").statusCode()).isEqualTo(401);
        assertThat(admin.get("/api/connections").statusCode()).isEqualTo(200);
    }

    @Test
    void aWriteFromAnotherSiteIsRefusedEvenWithCredentials() {
        HttpResponse<String> forged = admin.send(admin.request("/api/connections/from-yaml/disable")
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void createsShowsUpdatesDisablesAndDeletesAConnection() {
        HttpResponse<String> created = admin.post("/api/connections", draft("api-made", "file:" + secret));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/connections/api-made");
        JsonNode body = AdminClient.JSON.readTree(created.body());
        assertThat(body.path("credential").asString()).isEqualTo("secret file:" + secret);
        assertThat(body.path("scopes").get(0).asString()).isEqualTo(org + "/.default");
        await().untilAsserted(() -> assertThat(admin.state("api-made")).isEqualTo("ACTIVE"));
        assertThat(admin.json("/api/connections").findValuesAsString("id")).contains("api-made", "from-yaml");

        String renamed = draft("api-made", "file:" + secret).replace("Made by the API", "Renamed");
        assertThat(admin.put("/api/connections/api-made", renamed).statusCode()).isEqualTo(200);
        assertThat(admin.json("/api/connections/api-made").path("displayName").asString()).isEqualTo("Renamed");

        HttpResponse<String> disabled = admin.post("/api/connections/api-made/disable", null);
        assertThat(AdminClient.JSON.readTree(disabled.body()).path("enabled").asBoolean()).isFalse();
        await().untilAsserted(() -> assertThat(admin.state("api-made")).isEqualTo("DISABLED"));
        await().untilAsserted(() -> assertThat(grants.latest(ConnectionId.of("api-made"))).isEmpty());
        assertThat(tap.last("api-made", ConnectionEventType.DISCONNECTED).getState().name()).isEqualTo("DISABLED");

        assertThat(admin.delete("/api/connections/api-made").statusCode()).isEqualTo(204);
        assertThat(admin.get("/api/connections/api-made").statusCode()).isEqualTo(404);
        await().untilAsserted(() -> assertThat(tap.records("crm.connections").stream()
                .filter(r -> key(r).equals("api-made")).reduce((a, b) -> b).orElseThrow().value()).isNull());
    }

    @Test
    void anInvalidDefinitionIsRefusedWith400ListingEveryProblemWithoutEchoingASecret() {
        HttpResponse<String> refused = admin.post("/api/connections", """
                {"id": "bad id", "orgUrl": "http://plain", "authority": "%s", "authKind": "CLIENT_CREDENTIALS",
                 "clientSecret": "Inline~Secret~Value"}""".formatted(sandbox.identity().entraAuthority()));

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode problems = AdminClient.JSON.readTree(refused.body()).path("problems");
        assertThat(problems.valueStream().map(JsonNode::asString).toList()).containsExactly(
                "id must be 1 to 64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit",
                "clientId is required",
                "orgUrl must be an absolute https URL",
                "clientSecret must be a reference, env:NAME or file:/absolute/path, not the secret itself (the value "
                        + "given is not repeated here)");
        assertThat(refused.body()).doesNotContain("Inline~Secret~Value");
    }

    @Test
    void aConnectionFromTheConfigurationIsManagedThereNotThroughTheApi() {
        assertThat(admin.post("/api/connections/from-yaml/disable", null).statusCode()).isEqualTo(409);
        assertThat(admin.delete("/api/connections/from-yaml").statusCode()).isEqualTo(409);
        assertThat(admin.put("/api/connections/from-yaml", draft("from-yaml", "env:X")).statusCode()).isEqualTo(409);
        assertThat(admin.json("/api/connections/from-yaml").path("configured").asBoolean()).isTrue();
    }

    @Test
    void theConnectionsTopicCarriesDefinitionsButNoCredentialReference() {
        admin.post("/api/connections", draft("published", "file:" + secret));
        AvroDeserializer<ConnectionDefinition> reader = new AvroDeserializer<>();
        reader.configure(Map.of("schema.registry.url", "mock://" + SCOPE, "specific.avro.reader", true), false);

        await().untilAsserted(() -> assertThat(tap.records("crm.connections").stream().map(AdminApiIT::key))
                .contains("published", "from-yaml"));
        for (ConsumerRecord<byte[], byte[]> record : tap.records("crm.connections")) {
            if (record.value() != null) {
                String raw = new String(record.value(), StandardCharsets.ISO_8859_1);
                assertThat(raw).doesNotContain(secret.toString()).doesNotContain("file:").doesNotContain("env:");
            }
        }
        ConnectionDefinition definition = tap.records("crm.connections").stream().filter(r -> key(r).equals("published"))
                .map(r -> reader.deserialize(r.topic(), r.value())).findFirst().orElseThrow();
        assertThat(definition.getOrgUrl()).isEqualTo(org);
        assertThat(definition.getClientId()).isEqualTo(IdentitySeeds.SECRET_CLIENT_ID);
        assertThat(definition.getAuthKind().name()).isEqualTo("CLIENT_CREDENTIALS");
    }

    @Test
    void thePageListsConnectionsWithStateExpiryLastErrorAndTheirButton() {
        await().untilAsserted(() -> assertThat(admin.state("missing-secret")).isEqualTo("EXPIRED"));
        String page = admin.get("/connections").body();

        assertThat(page).contains("data-connection=\"from-yaml\"").contains(">ACTIVE<").contains("(in ");
        assertThat(page).contains("credential_unavailable: environment variable CRMBRIDGE_TEST_UNSET_SECRET is not set");
        assertThat(page).contains("action=\"/connections/missing-secret/retry\"");
    }

    @Test
    void metricsShowStateExpiryRefreshesFailuresAndTheSecretExpiryWarning() {
        await().untilAsserted(() -> assertThat(admin.state("missing-secret")).isEqualTo("EXPIRED"));
        await().untilAsserted(() -> {
            String metrics = AdminClient.anonymous(service.baseUrl()).get("/actuator/prometheus").body();
            assertThat(metrics).contains("crmbridge_token_connection_state{connection=\"from-yaml\",state=\"ACTIVE\"} 1.0");
            assertThat(metrics).contains("crmbridge_token_connection_state{connection=\"missing-secret\",state=\"EXPIRED\"} 1.0");
            assertThat(metrics).containsPattern("crmbridge_token_access_token_expires_in_seconds\\{connection=\"from-yaml\"} 3[0-9]{3}");
            assertThat(metrics).containsPattern("crmbridge_token_refreshes_total\\{connection=\"from-yaml\"} [1-9]");
            assertThat(metrics).contains("crmbridge_token_refresh_failures_total{connection=\"missing-secret\","
                    + "kind=\"CONFIGURATION\",reason=\"credential_unavailable\"} 1.0");
        });
        assertThat(tap.last("from-yaml", ConnectionEventType.CREDENTIAL_EXPIRING).getCredentialExpiresAt())
                .isEqualTo(java.time.Instant.parse("2020-01-01T00:00:00Z"));
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }
}
