package io.crmbridge.sandbox.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorBodiesTest {

    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");

    @Test
    void shapesDataverseErrorsAsErrorCodeAndMessage() {
        Map<String, Object> body = ErrorBodies.forPath("/org/contoso/api/data/v9.2/accounts", 503, NOW);

        assertThat(body).isEqualTo(Map.of("error", Map.of("code", "", "message", "Service Unavailable")));
    }

    @Test
    void usesTheRequestLimitCodeForADataverse429() {
        Map<String, Object> body = ErrorBodies.forPath("/org/contoso/api/data/v9.2/accounts", 429, NOW);

        assertThat(body.get("error")).isEqualTo(Map.of("code", "0x80072322",
                "message", "Number of requests exceeded the limit of 6000 over time window of 300 seconds."));
    }

    @Test
    void shapesEntraErrorsAsTransientWithAnAadstsCode() {
        Map<String, Object> body = ErrorBodies.forPath("/contoso.onmicrosoft.com/oauth2/v2.0/token", 503, NOW);

        assertThat(body.get("error")).isEqualTo("temporarily_unavailable");
        assertThat((String) body.get("error_description")).startsWith("AADSTS90033: ")
                .contains("\r\nTrace ID: " + body.get("trace_id"))
                .endsWith("Timestamp: 2025-03-04 05:06:07Z");
        assertThat(body.get("error_codes")).isEqualTo(List.of(90033));
        assertThat(body).containsKeys("timestamp", "correlation_id");
    }

    @Test
    void callsANonTransientEntraStatusAnInvalidRequest() {
        assertThat(ErrorBodies.forPath("/common/oauth2/v2.0/token", 400, NOW).get("error"))
                .isEqualTo("invalid_request");
    }

    @Test
    void shapesAdfsErrorsWithoutAadstsCodes() {
        Map<String, Object> body = ErrorBodies.forPath("/adfs/oauth2/token", 500, NOW);

        assertThat(body).containsOnlyKeys("error", "error_description");
        assertThat(body.get("error")).isEqualTo("temporarily_unavailable");
    }
}
