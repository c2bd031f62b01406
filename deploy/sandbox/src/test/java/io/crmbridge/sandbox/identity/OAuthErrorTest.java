package io.crmbridge.sandbox.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OAuthErrorTest {

    private static final Instant NOW = Instant.parse("2020-07-06T22:31:52.123Z");

    @Test
    void writesEntrasBodyWithTheTraceLinesInTheDescription() {
        OAuthError error = GrantErrors.refreshTokenInactive(Instant.parse("2020-02-26T21:52:54.2810613Z"),
                Duration.ofDays(90));

        Map<String, Object> body = error.body(Realm.ENTRA, NOW, "trace-1", "correlation-1", "\r\n");

        assertThat(body).containsEntry("error", "invalid_grant")
                .containsEntry("error_codes", List.of(700082L))
                .containsEntry("timestamp", "2020-07-06 22:31:52Z")
                .containsEntry("trace_id", "trace-1")
                .containsEntry("correlation_id", "correlation-1")
                .containsEntry("error_uri", "https://login.microsoftonline.com/error?code=700082")
                .containsEntry("suberror", "bad_token");
        assertThat(body.get("error_description")).isEqualTo("AADSTS700082: The refresh token has expired due to"
                + " inactivity. The token was issued on 2020-02-26T21:52:54.2810613Z and was inactive for 90.00:00:00."
                + "\r\nTrace ID: trace-1\r\nCorrelation ID: correlation-1\r\nTimestamp: 2020-07-06 22:31:52Z");
    }

    @Test
    void separatesTheTraceLinesWithTheConfiguredSeparator() {
        Map<String, Object> body = EntraErrors.invalidSecret("app-1").body(Realm.ENTRA, NOW, "t", "c", " ");

        assertThat((String) body.get("error_description")).startsWith("AADSTS7000215: Invalid client secret provided.")
                .endsWith("'app-1'. Trace ID: t Correlation ID: c Timestamp: 2020-07-06 22:31:52Z");
        assertThat(body).doesNotContainKey("suberror");
    }

    @Test
    void writesAdfsBodiesWithErrorAndDescriptionOnly() {
        Map<String, Object> body = AdfsErrors.refreshTokenExpired().body(Realm.ADFS, NOW, "t", "c", "\r\n");

        assertThat(body).containsOnly(Map.entry("error", "invalid_grant"), Map.entry("error_description",
                "MSIS9615: The refresh token received in refresh_token parameter has expired"));
        assertThat(AdfsErrors.refreshTokenExpired().status()).isEqualTo(401);
    }

    @Test
    void dropsTheEntraCodeOnTheAdfsSide() {
        Map<String, Object> body = GrantErrors.codeRedeemed().body(Realm.ADFS, NOW, "t", "c", "\r\n");

        assertThat(body).containsOnlyKeys("error", "error_description");
        assertThat((String) body.get("error_description")).startsWith("OAuth2 Authorization code was already redeemed");
    }

    @Test
    void sendsMfaAsInteractionRequiredOrInvalidGrantWithBasicAction() {
        OAuthError interaction = GrantErrors.mfaRequired("app", IdentitySettings.MfaChallenge.INTERACTION_REQUIRED);
        OAuthError invalidGrant = GrantErrors.mfaRequired("app", IdentitySettings.MfaChallenge.INVALID_GRANT);

        assertThat(interaction.error()).isEqualTo("interaction_required");
        assertThat(invalidGrant.error()).isEqualTo("invalid_grant");
        assertThat(interaction.subError()).isEqualTo("basic_action");
        assertThat(interaction.code()).isEqualTo("AADSTS50076");
    }

    @Test
    void printsTimeSpansTheWayEntraDoes() {
        assertThat(EntraErrors.timeSpan(Duration.ofDays(90))).isEqualTo("90.00:00:00");
        assertThat(EntraErrors.timeSpan(Duration.ofHours(1).plusMinutes(2).plusSeconds(3))).isEqualTo("01:02:03");
        assertThat(EntraErrors.timeSpan(Duration.ofDays(14).plusHours(5))).isEqualTo("14.05:00:00");
    }
}
