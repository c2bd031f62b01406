package io.crmbridge.sandbox.dataverse;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.crmbridge.sandbox.dataverse.WebApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Service-protection limits over HTTPS (reference §6): 429, Retry-After, codes, counts. */
class ServiceProtectionIT {

    private static final AtomicInteger ORGS = new AtomicInteger();
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void answers429WithRetryAfterWhenOverTheRequestLimit() {
        Org org = org(ServiceProtectionLimits.defaults().withRequests(20, Duration.ofSeconds(5)));
        WebApiClient client = new WebApiClient(sandbox, org.name());
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> admitted = client.get("accounts?$select=name");
            assertThat(admitted.statusCode()).isEqualTo(200);
            assertThat(admitted.headers().firstValue("x-ms-ratelimit-burst-remaining-xrm-requests"))
                    .contains(String.valueOf(19 - i));
        }
        HttpResponse<String> throttled = client.get("accounts?$select=name");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 5L);
        RecordWritesIT.assertError(throttled, "0x80072322",
                "Number of requests exceeded the limit of 20 over time window of 5 seconds.");
        assertThat(org.requestCounts().withStatus(200)).isEqualTo(20);
        assertThat(org.requestCounts().throttled()).isEqualTo(1);
    }

    @Test
    void makesClientsThatKeepPushingWaitLonger() {
        Org org = org(ServiceProtectionLimits.defaults().withRequests(2, Duration.ofSeconds(30)));
        WebApiClient client = new WebApiClient(sandbox, org.name());
        client.get("accounts");
        client.get("accounts");
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            waits.add(Long.parseLong(client.get("accounts").headers().firstValue("Retry-After").orElseThrow()));
        }
        assertThat(waits.get(5)).isGreaterThan(waits.get(0));
    }

    @Test
    void countsABatchAsOneRequest() {
        Org org = org(ServiceProtectionLimits.defaults().withRequests(2, Duration.ofSeconds(30)));
        WebApiClient client = new WebApiClient(sandbox, org.name());
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            body.append(BatchIT.part("batch_p", "POST", "/api/data/v9.2/accounts", "{\"name\":\"a" + i + "\"}"));
        }
        HttpRequest.Builder batch = client.request("$batch").header("Content-Type", "multipart/mixed; boundary=batch_p")
                .POST(HttpRequest.BodyPublishers.ofString(body + "--batch_p--\r\n"));
        assertThat(client.send(batch).statusCode()).isEqualTo(200);
        assertThat(client.get("accounts?$select=name").statusCode()).isEqualTo(200);
        assertThat(client.get("accounts?$select=name").statusCode()).isEqualTo(429);
        assertThat(org.table("account").count()).isEqualTo(50);
    }

    @Test
    void answers429AtOnceWhenTooManyRequestsAreInFlight() {
        Org org = org(ServiceProtectionLimits.defaults().withConcurrent(1));
        for (int i = 0; i < 3000; i++) {
            org.table("account").create(Map.of("name", "row " + i));
        }
        WebApiClient client = new WebApiClient(sandbox, org.name());
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            responses.add(client.http().sendAsync(client.request("accounts").GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> throttled = responses.stream().map(CompletableFuture::join)
                .filter(response -> response.statusCode() == 429).toList();
        assertThat(throttled).isNotEmpty();
        assertThat(json(throttled.get(0)).get("error").get("code").stringValue()).isEqualTo("0x80072326");
        assertThat(json(throttled.get(0)).get("error").get("message").stringValue())
                .isEqualTo("Number of concurrent requests exceeded the limit of 1.");
        assertThat(throttled.get(0).headers().firstValue("Retry-After")).isPresent();
    }

    private static Org org(ServiceProtectionLimits limits) {
        Org org = sandbox.dataverse().org("limits" + ORGS.incrementAndGet());
        org.throttle(limits);
        return org;
    }
}
