package io.crmbridge.sandbox.traffic;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.SandboxTls;
import io.crmbridge.sandbox.dataverse.AdminServer;
import io.crmbridge.sandbox.dataverse.Org;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The traffic generator writes through the in-process API; clients see its writes in their deltas. */
class TrafficGeneratorIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Sandbox sandbox;
    private static TrafficGenerator generator;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
        generator = new TrafficGenerator(sandbox.dataverse());
    }

    @AfterAll
    static void stop() {
        generator.close();
        sandbox.close();
    }

    @Test
    void writesAtTheAskedRateAndShowsUpInDeltas() throws Exception {
        Org org = sandbox.dataverse().org("traffic");
        String deltaLink = get(org, org.apiUrl() + "/accounts?$select=name").get("@odata.deltaLink").stringValue();
        generator.start(new TrafficPlan("traffic", "account", 300, 60, 30, 10));
        await().atMost(Duration.ofSeconds(10)).until(() -> generator.status().created() >= 30
                && generator.status().updated() > 0 && generator.status().deleted() > 0);
        generator.stop();
        TrafficGenerator.Status stopped = generator.status();
        assertThat(stopped.running()).isFalse();
        assertThat(stopped.failed()).isZero();
        assertThat(org.table("account").count()).isEqualTo(stopped.created() - stopped.deleted());
        JsonNode delta = get(org, deltaLink);
        assertThat(delta.get("value").size()).isGreaterThanOrEqualTo((int) (stopped.created())).isPositive();
        long total = stopped.created() + stopped.updated() + stopped.deleted();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> generator.status().created() + generator.status().updated()
                        + generator.status().deleted() == total);
    }

    @Test
    void startsAndStopsThroughItsAdminRoutes() {
        sandbox.dataverse().org("traffic-admin");
        try (AdminServer admin = new AdminServer(generator.adminRoutes())) {
            HttpResponse<String> started = admin.send("POST", "/admin/traffic/start",
                    "{\"org\":\"traffic-admin\",\"table\":\"cr123_project\",\"ratePerSecond\":100}");
            assertThat(started.statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    sandbox.dataverse().org("traffic-admin").table("cr123_project").count() > 10);
            JsonNode status = JSON.readTree(admin.send("POST", "/admin/traffic/stop", null).body());
            assertThat(status.get("running").booleanValue()).isFalse();
            assertThat(status.get("plan").get("table").stringValue()).isEqualTo("cr123_project");
            assertThat(admin.send("POST", "/admin/traffic/start", "{\"table\":\"nosuch\"}").statusCode())
                    .isEqualTo(400);
        }
    }

    private static JsonNode get(Org org, String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(SandboxTls.sslContext()).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + sandbox.appAccessToken(org.url()))
                .header("Prefer", "odata.track-changes").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
