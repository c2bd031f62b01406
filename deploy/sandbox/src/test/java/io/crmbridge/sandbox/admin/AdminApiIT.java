package io.crmbridge.sandbox.admin;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class AdminApiIT {

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

    @Test
    void listsItsEndpointsAtTheRoot() throws IOException {
        HttpResponse<String> response = client.get(client.https("/admin"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = SandboxClient.json(response);
        assertThat(body.get("endpoints").valueStream().map(JsonNode::stringValue)).contains(
                "GET /admin/clock", "POST /admin/clock/advance", "POST /admin/faults", "GET /admin/faults",
                "DELETE /admin/faults", "DELETE /admin/faults/{id}", "GET /admin/requests",
                "DELETE /admin/requests");
        assertThat(body.get("warning").stringValue()).contains("never expose");
    }

    @Test
    void mountsTheDataverseIdentityAndTrafficAdminRoutes() throws IOException {
        JsonNode listing = SandboxClient.json(client.get(client.https("/admin"))).get("endpoints");
        HttpResponse<String> orgs = client.get(client.https("/admin/dataverse/orgs"));
        HttpResponse<String> lifetimes = client.get(client.http("/admin/identity/lifetimes"));
        HttpResponse<String> traffic = client.get(client.https("/admin/traffic"));

        assertThat(listing.valueStream().map(JsonNode::stringValue)).contains("GET /admin/dataverse/orgs",
                "GET /admin/identity/lifetimes", "GET /admin/traffic");
        assertThat(orgs.statusCode()).isEqualTo(200);
        assertThat(orgs.body()).contains("\"contoso\"");
        assertThat(lifetimes.statusCode()).isEqualTo(200);
        assertThat(SandboxClient.json(lifetimes).get("accessToken").stringValue()).isEqualTo("PT1H");
        assertThat(traffic.statusCode()).isEqualTo(200);
    }

    @Test
    void advancesTheSandboxClock() throws IOException {
        Duration before = sandbox.clock().offset();

        HttpResponse<String> response = client.post(client.https("/admin/clock/advance"), """
                {"seconds":7776000}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sandbox.clock().offset()).isEqualTo(before.plusDays(90));
        JsonNode clock = SandboxClient.json(client.get(client.https("/admin/clock")));
        assertThat(clock.get("offsetSeconds").longValue()).isEqualTo(before.plusDays(90).toSeconds());
        assertThat(java.time.Instant.parse(clock.get("now").stringValue()))
                .isAfter(java.time.Instant.now().plus(Duration.ofDays(89)));
    }

    @Test
    void servesTheSameAdminApiOnThePlainHttpPort() throws IOException {
        sandbox.faults().clear();
        client.arm("""
                {"kind":"status","status":500,"pathPrefix":"/org/"}""");

        JsonNode faults = SandboxClient.json(client.get(client.http("/admin/faults")));

        assertThat(faults.get("faults")).hasSize(1);
        assertThat(faults.get("faults").get(0).get("status").intValue()).isEqualTo(500);
        sandbox.faults().clear();
    }

    @Test
    void answers404WithAHintForAnUnknownAdminPath() throws IOException {
        HttpResponse<String> response = client.get(client.https("/admin/nothing-here"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(SandboxClient.json(response).get("error").stringValue()).contains("GET /admin");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badBodies")
    void answers400NamingTheMistakeForABadBody(String path, String body, String mistake) throws IOException {
        HttpResponse<String> response = client.post(client.https(path), body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SandboxClient.json(response).get("error").stringValue()).contains(mistake);
        assertThat(sandbox.faults().armed()).isEmpty();
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                arguments("/admin/clock/advance", "", "empty"),
                arguments("/admin/clock/advance", "{seconds:", "not valid JSON"),
                arguments("/admin/clock/advance", "[1]", "JSON object"),
                arguments("/admin/clock/advance", "{}", "'seconds' is required"),
                arguments("/admin/clock/advance", "{\"seconds\":\"ten\"}", "'seconds' must be a whole number"),
                arguments("/admin/clock/advance", "{\"seconds\":1.5}", "'seconds' must be a whole number"),
                arguments("/admin/clock/advance", "{\"seconds\":1,\"minutes\":2}", "unknown field 'minutes'"),
                arguments("/admin/faults", "{}", "'kind' is required"),
                arguments("/admin/faults", "{\"kind\":\"explode\"}", "unknown kind 'explode'"),
                arguments("/admin/faults", "{\"kind\":\"status\"}", "'status' is required"),
                arguments("/admin/faults", "{\"kind\":\"status\",\"status\":200}", "400-599"),
                arguments("/admin/faults", "{\"kind\":\"status\",\"status\":4294967799}", "out of range"),
                arguments("/admin/faults", "{\"kind\":\"latency\"}", "'delayMillis' is required"),
                arguments("/admin/faults", "{\"kind\":\"latency\",\"delayMillis\":0}", "delay must be positive"),
                arguments("/admin/faults", "{\"kind\":\"reset\",\"status\":503}", "unknown field 'status'"),
                arguments("/admin/faults", "{\"kind\":\"reset\",\"share\":1.5}", "share must be in (0, 1]"),
                arguments("/admin/faults", "{\"kind\":\"reset\",\"share\":0.5,\"every\":2}", "not both"),
                arguments("/admin/faults", "{\"kind\":\"reset\",\"every\":0}", "every must be at least 1"),
                arguments("/admin/faults", "{\"kind\":\"reset\",\"times\":0}", "times must be at least 1"),
                arguments("/admin/faults", "{\"kind\":\"reset\",\"pathPrefix\":\"org\"}", "must start with /"),
                arguments("/admin/faults", "{\"kind\":\"reset\",\"durationSeconds\":-5}", "must be positive"));
    }
}
