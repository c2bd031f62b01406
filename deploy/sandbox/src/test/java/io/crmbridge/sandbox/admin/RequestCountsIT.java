package io.crmbridge.sandbox.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.admin.RequestCounts.Area;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RequestCountsIT {

    private static Sandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
        client = new SandboxClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void fromZero() {
        sandbox.faults().clear();
        sandbox.requests().reset();
    }

    @Test
    void countsRequestsByAreaMethodStatusAndOrg() throws IOException {
        int dataverse = Probes.dataverse(client, sandbox).statusCode();
        Probes.dataverse(client, sandbox);
        int identity = Probes.adfs(client).statusCode();
        int registry = client.get(client.http("/subjects")).statusCode();
        client.get(client.https("/admin/clock"));

        RequestCounts counts = sandbox.requests();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(counts.count(entry -> entry.area() == Area.DATAVERSE && entry.method().equals("GET")
                    && entry.status() == dataverse && entry.org().equals(Optional.of(Probes.ORG))))
                    .isEqualTo(2);
            assertThat(counts.count(entry -> entry.area() == Area.IDENTITY && entry.method().equals("POST")
                    && entry.status() == identity)).isEqualTo(1);
            assertThat(counts.count(Area.REGISTRY, registry)).isEqualTo(1);
            assertThat(counts.count(Area.ADMIN, 200)).isEqualTo(1);
            assertThat(counts.total()).isEqualTo(5);
        });
    }

    @Test
    void countsInjectedStatusesApartFromAnsweredOnes() throws IOException {
        client.arm("""
                {"kind":"status","status":503,"pathPrefix":"/org/","times":2}""");

        int answered = 0;
        for (int i = 0; i < 3; i++) {
            answered = Probes.dataverse(client, sandbox).statusCode();
        }

        int normal = answered;
        RequestCounts counts = sandbox.requests();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(counts.count(entry -> entry.status() == 503 && entry.fault().equals(
                    Optional.of("status")))).isEqualTo(2);
            assertThat(counts.count(entry -> entry.area() == Area.DATAVERSE && entry.status() == normal
                    && entry.fault().isEmpty())).isEqualTo(1);
        });
    }

    @Test
    void countsAResetWithStatusZero() throws IOException {
        // A POST, because the JDK client silently retries an idempotent GET once when the connection drops.
        client.arm("""
                {"kind":"reset","pathPrefix":"/adfs/","times":1}""");

        assertThatThrownBy(() -> Probes.adfs(client)).isInstanceOf(IOException.class);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(sandbox.requests().count(
                entry -> entry.area() == Area.IDENTITY && entry.status() == 0
                        && entry.fault().equals(Optional.of("reset")))).isEqualTo(1));
    }

    @Test
    void reportsCountsAsJsonAndStartsAgainAfterDelete() throws IOException {
        HttpResponse<String> probe = Probes.dataverse(client, sandbox);
        Probes.dataverse(client, sandbox);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode report = SandboxClient.json(client.get(client.https("/admin/requests")));
            assertThat(report.get("byArea").get("dataverse").longValue()).isEqualTo(2);
            assertThat(report.get("byStatus").get(Integer.toString(probe.statusCode())).longValue())
                    .isGreaterThanOrEqualTo(2);
            JsonNode line = report.get("entries").get(0);
            assertThat(line.get("area").stringValue()).isEqualTo("dataverse");
            assertThat(line.get("org").stringValue()).isEqualTo(Probes.ORG);
            assertThat(line.get("method").stringValue()).isEqualTo("GET");
            assertThat(line.get("status").intValue()).isEqualTo(probe.statusCode());
            assertThat(line.get("count").longValue()).isEqualTo(2);
        });

        assertThat(client.delete(client.https("/admin/requests")).statusCode()).isEqualTo(204);

        assertThat(sandbox.requests().count(Area.DATAVERSE)).isZero();
        JsonNode after = SandboxClient.json(client.get(client.https("/admin/requests")));
        assertThat(after.get("byArea").has("dataverse")).isFalse();
    }

    @Test
    void countsUnauthorizedAndThrottledDataverseAnswers() throws IOException {
        client.post(client.https("/admin/dataverse/orgs"), """
                {"name":"throttled"}""");
        client.send("PUT", client.https("/admin/dataverse/orgs/throttled/limits"), """
                {"requests":2,"windowSeconds":300}""");
        String orgUrl = sandbox.dataverse().org("throttled").url();
        URI accounts = URI.create(orgUrl + "/api/data/v9.2/accounts");

        client.get(accounts);
        for (int i = 0; i < 4; i++) {
            client.get(accounts, "Authorization", "Bearer " + sandbox.appAccessToken(orgUrl));
        }

        Predicate<RequestCounts.Entry> throttledOrg = entry -> entry.org().equals(Optional.of("throttled"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            RequestCounts counts = sandbox.requests();
            assertThat(counts.count(throttledOrg.and(entry -> entry.status() == 401))).isEqualTo(1);
            assertThat(counts.count(throttledOrg.and(entry -> entry.status() == 200))).isEqualTo(2);
            assertThat(counts.count(throttledOrg.and(entry -> entry.status() == 429))).isEqualTo(2);
            assertThat(counts.count(Area.DATAVERSE, 429)).isEqualTo(2);
        });
    }

    @Test
    void countsAdminRequestsOnThePlainHttpPort() throws IOException {
        assertThat(client.get(client.http("/admin/clock")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(sandbox.requests().count(Area.ADMIN, 200)).isEqualTo(1));
    }
}
