package io.crmbridge.crm.failure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorBodiesTest {

    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void readsCodeAndMessageOfADataverseErrorBody() {
        DataverseError error = ErrorBodies.parse(404, bytes("""
                {"error":{"code":"0x80040217","message":"account With Id = 0000 Does Not Exist",
                "@Microsoft.PowerApps.CDS.TraceText":"x","@Microsoft.PowerApps.CDS.InnerError.Message":{"a":1}}}"""),
                null, NOW);

        assertThat(error).isEqualTo(new DataverseError(404, "0x80040217", "account With Id = 0000 Does Not Exist",
                Optional.empty()));
        assertThat(error.label()).isEqualTo("404/0x80040217");
    }

    @Test
    void acceptsTheEmptyCodeTheDocsShow() {
        DataverseError error = ErrorBodies.parse(412, bytes("""
                {"error":{"code":"","message":"A record with matching key values already exists."}}"""), null, NOW);

        assertThat(error.code()).isEmpty();
        assertThat(error.message()).isEqualTo("A record with matching key values already exists.");
        assertThat(error.label()).isEqualTo("412");
    }

    @Test
    void readsRetryAfterInSeconds() {
        DataverseError error = ErrorBodies.parse(429, bytes("""
                {"error":{"code":"0x80072322","message":"Number of requests exceeded the limit of 6000 over time window of 300 seconds."}}"""),
                "12", NOW);

        assertThat(error.retryAfter()).contains(Duration.ofSeconds(12));
        assertThat(error.hasCode(DataverseError.REQUEST_LIMIT)).isTrue();
    }

    @Test
    void readsRetryAfterAsAnHttpDate() {
        assertThat(ErrorBodies.retryAfter("Mon, 05 Jan 2026 10:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(ErrorBodies.retryAfter("Mon, 05 Jan 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(ErrorBodies.retryAfter("soon", NOW)).isEmpty();
    }

    @Test
    void keepsAnExcerptOfABodyThatIsNotDataverseJson() {
        DataverseError error = ErrorBodies.parse(502, bytes("<html><body>Bad Gateway</body></html>"), null, NOW);

        assertThat(error.code()).isEmpty();
        assertThat(error.message()).isEqualTo("<html><body>Bad Gateway</body></html>");
    }

    @Test
    void toleratesAnEmptyBody() {
        assertThat(ErrorBodies.parse(503, new byte[0], "5", NOW))
                .isEqualTo(new DataverseError(503, "", "", Optional.of(Duration.ofSeconds(5))));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
