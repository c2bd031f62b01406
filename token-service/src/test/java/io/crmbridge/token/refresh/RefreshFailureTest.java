package io.crmbridge.token.refresh;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;

import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.MsalResponses;
import com.microsoft.aad.msal4j.MsalThrottlingException;
import io.crmbridge.token.refresh.RefreshFailure.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshFailureTest {

    private static RefreshFailure entra(int status, String error, String description) {
        return RefreshFailure.of(MsalResponses.exceptionFor(status, body(error, description)));
    }

    private static String body(String error, String description) {
        return "{\"error\":\"" + error + "\",\"error_description\":\"" + description
                + "\\r\\nTrace ID: 6e94ade5-10de-4d67-909a-14d845813500\\r\\nCorrelation ID: 0e87b495\\r\\n"
                + "Timestamp: 2020-07-06 22:31:52Z\",\"error_codes\":[700082]}";
    }

    @Test
    void refreshTokenExpiredThroughInactivityRequiresAReconnectWithItsAadstsCode() {
        var thrown = MsalResponses.exceptionFor(400, body("invalid_grant",
                "AADSTS700082: The refresh token has expired due to inactivity."));
        RefreshFailure failure = RefreshFailure.of(thrown);

        assertThat(thrown).isInstanceOf(MsalInteractionRequiredException.class);
        assertThat(failure.kind()).isEqualTo(Kind.RECONNECT_REQUIRED);
        assertThat(failure.reasonCode()).isEqualTo("AADSTS700082");
        assertThat(failure.message()).isEqualTo("AADSTS700082: The refresh token has expired due to inactivity.");
    }

    @Test
    void revokedGrantAndSignInFrequencyRequireAReconnect() {
        assertThat(entra(400, "invalid_grant", "AADSTS50173: The provided grant has expired due to it being revoked.")
                .kind()).isEqualTo(Kind.RECONNECT_REQUIRED);
        assertThat(entra(400, "invalid_grant", "AADSTS70043: The refresh token has expired or is invalid due to "
                + "sign-in frequency checks by conditional access.").reasonCode()).isEqualTo("AADSTS70043");
    }

    @Test
    void interactionRequiredForMfaIsAReconnectThoughMsalThrowsAPlainServiceException() {
        var thrown = MsalResponses.exceptionFor(400, "{\"error\":\"interaction_required\",\"suberror\":\"basic_action\","
                + "\"error_description\":\"AADSTS50076: Due to a configuration change made by your administrator, "
                + "you must use multi-factor authentication.\"}");

        assertThat(thrown).isNotInstanceOf(MsalInteractionRequiredException.class);
        assertThat(RefreshFailure.of(thrown).kind()).isEqualTo(Kind.RECONNECT_REQUIRED);
        assertThat(RefreshFailure.of(thrown).reasonCode()).isEqualTo("AADSTS50076");
    }

    @Test
    void adfsExpiredRefreshTokenWith401IsAReconnectWithItsMsisCode() {
        RefreshFailure failure = entra(401, "invalid_grant",
                "MSIS9615: The refresh token received in refresh_token parameter has expired.");

        assertThat(failure.kind()).isEqualTo(Kind.RECONNECT_REQUIRED);
        assertThat(failure.reasonCode()).isEqualTo("MSIS9615");
    }

    @Test
    void expiredClientSecretIsAConfigurationErrorNotARetry() {
        RefreshFailure failure = entra(401, "invalid_client", "AADSTS7000222: The provided client secret keys for app "
                + "'5a1a0b8e' are expired.");

        assertThat(failure.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(failure.reasonCode()).isEqualTo("AADSTS7000222");
        assertThat(failure.needsPerson()).isTrue();
    }

    @Test
    void wrongClientGrantResourceOrScopeAreConfigurationErrors() {
        assertThat(entra(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.").kind())
                .isEqualTo(Kind.CONFIGURATION);
        assertThat(entra(400, "unauthorized_client", "AADSTS700016: Application not found in the directory.").kind())
                .isEqualTo(Kind.CONFIGURATION);
        assertThat(entra(400, "invalid_resource", "AADSTS500011: The resource principal was not found.").kind())
                .isEqualTo(Kind.CONFIGURATION);
        assertThat(entra(400, "invalid_scope", "AADSTS70011: The provided value for scope is not valid.").reasonCode())
                .isEqualTo("AADSTS70011");
    }

    @Test
    void serverErrorsThrottlingAndTemporaryUnavailabilityAreTransient() {
        assertThat(RefreshFailure.of(MsalResponses.exceptionFor(503, "")).kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(RefreshFailure.of(MsalResponses.exceptionFor(503, "")).reasonCode()).isEqualTo("HTTP_503");
        assertThat(entra(500, "server_error", "AADSTS90033: A transient error has occurred.").kind())
                .isEqualTo(Kind.TRANSIENT);
        assertThat(entra(400, "temporarily_unavailable", "AADSTS50033: A transient error has occurred.").kind())
                .isEqualTo(Kind.TRANSIENT);
        assertThat(RefreshFailure.of(new MsalThrottlingException(5000)).kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void aTooManyRequestsAnswerIsTransientAndKeepsItsRetryAfter() {
        RefreshFailure failure = RefreshFailure.of(MsalResponses.exceptionFor(429,
                "{\"error\":\"temporarily_unavailable\",\"error_description\":\"slow down\"}",
                Map.of("Retry-After", List.of("30"))));

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void timeoutsAndNetworkErrorsAreTransientWhereverMsalWrapsThem() {
        assertThat(RefreshFailure.of(new MsalClientException(new SocketTimeoutException("Read timed out")))
                .reasonCode()).isEqualTo("timeout");
        assertThat(RefreshFailure.of(new ExecutionException(new MsalClientException(
                new ConnectException("Connection refused")))).kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(RefreshFailure.of(new IOException("reset")).reasonCode()).isEqualTo("network");
    }

    @Test
    void anUntrustedCertificateIsAConfigurationErrorButAnotherHandshakeFailureIsTransient() {
        assertThat(RefreshFailure.of(new MsalClientException(new SSLHandshakeException(
                "PKIX path building failed"))).kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(RefreshFailure.of(new MsalClientException(new SSLHandshakeException(
                "Remote host terminated the handshake"))).kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void anEmptyCacheRequiresASignIn() {
        RefreshFailure failure = RefreshFailure.of(new MsalClientException("no account", "cache_miss"));

        assertThat(failure.kind()).isEqualTo(Kind.RECONNECT_REQUIRED);
        assertThat(failure.reasonCode()).isEqualTo("no_refresh_token");
    }

    @Test
    void anUnreadableCredentialIsAConfigurationError() {
        RefreshFailure failure = RefreshFailure.of(new TokenIssuer.CredentialUnavailable(
                "environment variable CONTOSO_SECRET is not set"));

        assertThat(failure.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(failure.reasonCode()).isEqualTo("credential_unavailable");
    }

    @Test
    void somethingUnexpectedIsRetriedRatherThanGivenUpOn() {
        assertThat(RefreshFailure.of(new IllegalStateException("boom")).kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void descriptionsLoseTraceIdsWhateverSeparatesThem() {
        assertThat(RefreshFailure.clean("AADSTS700082: expired. Trace ID: abc Correlation ID: def Timestamp: x"))
                .isEqualTo("AADSTS700082: expired.");
        assertThat(RefreshFailure.clean(null)).isEqualTo("no description");
    }
}
