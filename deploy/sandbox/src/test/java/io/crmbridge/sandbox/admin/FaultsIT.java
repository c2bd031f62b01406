package io.crmbridge.sandbox.admin;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.identity.IdentitySeeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsIT {

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
    void noFaults() {
        sandbox.faults().clear();
    }

    @Test
    void answersAnInjectedStatusWithADataverseErrorBody() throws IOException {
        client.arm("""
                {"kind":"status","status":503,"pathPrefix":"/org/"}""");

        HttpResponse<String> response = Probes.dataverse(client, sandbox);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("OData-Version")).hasValue("4.0");
        JsonNode error = SandboxClient.json(response).get("error");
        assertThat(error.get("code").stringValue()).isEmpty();
        assertThat(error.get("message").stringValue()).isEqualTo("Service Unavailable");
        assertThat(SandboxClient.fault(response)).hasValue("status");
    }

    @Test
    void answersAnInjected429WithRetryAfterAndTheServiceProtectionCode() throws IOException {
        client.arm("""
                {"kind":"status","status":429,"retryAfterSeconds":7,"pathPrefix":"/org/"}""");

        HttpResponse<String> response = Probes.dataverse(client, sandbox);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(SandboxClient.json(response).get("error").get("code").stringValue()).isEqualTo("0x80072322");
    }

    @Test
    void answersAnInjectedStatusWithAnOAuthErrorBodyOnAdfs() throws IOException {
        client.arm("""
                {"kind":"status","status":503,"pathPrefix":"/adfs/"}""");

        HttpResponse<String> response = Probes.adfs(client);

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode body = SandboxClient.json(response);
        assertThat(body.get("error").stringValue()).isEqualTo("temporarily_unavailable");
        assertThat(body.get("error_description").stringValue()).isNotBlank();
    }

    @Test
    void answersAnInjectedStatusWithAnEntraErrorBodyForOneTenantOnly() throws IOException {
        client.arm("""
                {"kind":"status","status":503,"pathPrefix":"/contoso.example/"}""");

        HttpResponse<String> faulted = Probes.entra(client, sandbox, IdentitySeeds.TENANT_DOMAIN);
        HttpResponse<String> byId = Probes.entra(client, sandbox, IdentitySeeds.TENANT_ID);

        assertThat(faulted.statusCode()).isEqualTo(503);
        JsonNode body = SandboxClient.json(faulted);
        assertThat(body.get("error").stringValue()).isEqualTo("temporarily_unavailable");
        assertThat(body.get("error_description").stringValue()).startsWith("AADSTS90033: ");
        assertThat(body.get("error_codes").get(0).intValue()).isEqualTo(90033);
        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(SandboxClient.json(byId).has("access_token")).isTrue();
    }

    @Test
    void delaysARequestByTheInjectedLatencyAndThenServesIt() throws IOException {
        client.arm("""
                {"kind":"latency","delayMillis":400,"pathPrefix":"/org/"}""");

        long started = System.nanoTime();
        HttpResponse<String> response = Probes.dataverse(client, sandbox);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SandboxClient.json(response).has("value")).isTrue();
        assertThat(SandboxClient.fault(response)).hasValue("latency");
    }

    @Test
    void resetsTheConnectionWithoutAnAnswer() throws IOException {
        // A POST, because the JDK client silently retries an idempotent GET once when the connection drops.
        client.arm("""
                {"kind":"reset","pathPrefix":"/adfs/","times":1}""");

        assertThatThrownBy(() -> Probes.adfs(client)).isInstanceOf(IOException.class);
    }

    @Test
    void injectsOnlyIntoTheNextRequestsWhenLimited() throws IOException {
        long id = client.arm("""
                {"kind":"status","status":500,"pathPrefix":"/org/","times":3}""");

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(Probes.dataverse(client, sandbox).statusCode());
        }

        assertThat(statuses.subList(0, 3)).containsOnly(500);
        assertThat(statuses.subList(3, 5)).containsOnly(200);
        JsonNode armed = SandboxClient.json(client.get(client.https("/admin/faults"))).get("faults").get(0);
        assertThat(armed.get("id").longValue()).isEqualTo(id);
        assertThat(armed.get("injected").longValue()).isEqualTo(3);
        assertThat(armed.get("remaining").longValue()).isZero();
    }

    @Test
    void injectsIntoEveryKthRequest() throws IOException {
        client.arm("""
                {"kind":"status","status":502,"pathPrefix":"/org/","every":3}""");

        List<Boolean> injected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            injected.add(SandboxClient.fault(Probes.dataverse(client, sandbox)).isPresent());
        }

        assertThat(injected).containsExactly(false, false, true, false, false, true);
    }

    @Test
    void leavesRequestsOutsideThePathPrefixAlone() throws IOException {
        client.arm("""
                {"kind":"status","status":503,"pathPrefix":"/adfs/"}""");

        HttpResponse<String> response = Probes.dataverse(client, sandbox);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SandboxClient.fault(response)).isEmpty();
    }

    @Test
    void stopsInjectingOnceItsDurationHasPassedOnTheSandboxClock() throws IOException {
        client.arm("""
                {"kind":"status","status":503,"pathPrefix":"/org/","durationSeconds":60}""");
        assertThat(Probes.dataverse(client, sandbox).statusCode()).isEqualTo(503);

        client.post(client.https("/admin/clock/advance"), """
                {"seconds":61}""");

        assertThat(SandboxClient.fault(Probes.dataverse(client, sandbox))).isEmpty();
    }

    @Test
    void neverFaultsTheAdminApiSoAFaultOnEverythingCanBeRemoved() throws IOException {
        client.arm("""
                {"kind":"reset"}""");

        assertThat(client.get(client.https("/admin/faults")).statusCode()).isEqualTo(200);
        assertThat(client.delete(client.https("/admin/faults")).statusCode()).isEqualTo(204);
        assertThat(SandboxClient.fault(Probes.dataverse(client, sandbox))).isEmpty();
    }

    @Test
    void removesOneFaultById() throws IOException {
        long id = client.arm("""
                {"kind":"status","status":503,"pathPrefix":"/org/"}""");

        assertThat(client.delete(client.https("/admin/faults/" + id)).statusCode()).isEqualTo(204);
        assertThat(client.delete(client.https("/admin/faults/" + id)).statusCode()).isEqualTo(404);
        assertThat(SandboxClient.fault(Probes.dataverse(client, sandbox))).isEmpty();
    }

    @Test
    void armsFaultsInProcessToo() throws IOException {
        sandbox.faults().add(FaultRule.of(new Fault.Status(504)).onPathsStartingWith("/org/").times(1));

        assertThat(Probes.dataverse(client, sandbox).statusCode()).isEqualTo(504);
        assertThat(Probes.dataverse(client, sandbox).statusCode()).isEqualTo(200);
    }
}
