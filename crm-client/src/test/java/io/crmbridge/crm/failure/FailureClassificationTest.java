package io.crmbridge.crm.failure;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class FailureClassificationTest {

    private final FailureClassification classification = new FailureClassification(RetrySettings.defaults());

    @Test
    void retries429AfterExactlyRetryAfterAndHoldsTheConnection() {
        Verdict verdict = classification.classify(error(429, DataverseError.REQUEST_LIMIT, 7), 1, false);

        assertThat(verdict).isEqualTo(new Verdict.Retry(Duration.ofSeconds(7), true));
    }

    @Test
    void backsOffExponentiallyOn429WithoutRetryAfter() {
        assertThat(classification.classify(error(429, "", -1), 2, false))
                .isEqualTo(new Verdict.Retry(Duration.ofSeconds(4), true));
    }

    @Test
    void givesUpAsThrottledWhenRetryAfterIsLongerThanWorthWaitingInsideARequest() {
        assertThat(classification.classify(error(429, "", 600), 1, false))
                .isEqualTo(new Verdict.GiveUp(FailureKind.THROTTLED));
    }

    @Test
    void givesUpAsThrottledAfterTheLastAttempt() {
        assertThat(classification.classify(error(429, "", 1), 5, false))
                .isEqualTo(new Verdict.GiveUp(FailureKind.THROTTLED));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408, 0})
    void retriesTransientFailuresWithTwoToTheAttemptSeconds(int status) {
        assertThat(classification.classify(error(status, "", -1), 1, false))
                .isEqualTo(new Verdict.Retry(Duration.ofSeconds(2), false));
        assertThat(classification.classify(error(status, "", -1), 3, false))
                .isEqualTo(new Verdict.Retry(Duration.ofSeconds(8), false));
    }

    @Test
    void honoursRetryAfterOnA503() {
        assertThat(classification.classify(error(503, "", 3), 1, false))
                .isEqualTo(new Verdict.Retry(Duration.ofSeconds(3), false));
    }

    @Test
    void capsTheExponentialBackoff() {
        FailureClassification patient = new FailureClassification(RetrySettings.defaults().withMaxAttempts(20));

        assertThat(patient.classify(error(503, "", -1), 10, false))
                .isEqualTo(new Verdict.Retry(Duration.ofSeconds(60), false));
    }

    @Test
    void givesUpAsTransientAfterTheLastAttempt() {
        assertThat(classification.classify(error(502, "", -1), 5, false))
                .isEqualTo(new Verdict.GiveUp(FailureKind.TRANSIENT));
    }

    @Test
    void reauthenticatesOnceOn401() {
        assertThat(classification.classify(error(401, "0x8005F101", -1), 1, false))
                .isEqualTo(new Verdict.Reauthenticate());
    }

    @Test
    void givesUpAsUnauthorizedOnA401AfterReauthenticating() {
        assertThat(classification.classify(error(401, "", -1), 2, true))
                .isEqualTo(new Verdict.GiveUp(FailureKind.UNAUTHORIZED));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 405, 412, 413, 501})
    void givesUpAtOnceOnPermanentFailures(int status) {
        assertThat(classification.classify(error(status, "0x80040217", -1), 1, false))
                .isEqualTo(new Verdict.GiveUp(FailureKind.PERMANENT));
    }

    @Test
    void asksForAFullSyncWhenTheVersionStampExpired() {
        DataverseError expired = new DataverseError(400, "0x80044352",
                "Version stamp associated with the client has expired. Please perform a full sync.", Optional.empty());

        assertThat(classification.classify(expired, 1, false))
                .isEqualTo(new Verdict.GiveUp(FailureKind.FULL_SYNC_REQUIRED));
    }

    @Test
    void recognisesTheExpiredVersionStampByItsMessageWhenTheCodeIsEmpty() {
        DataverseError expired = new DataverseError(500, "",
                "Version stamp associated with the client has expired. Please perform a full sync.", Optional.empty());

        assertThat(classification.classify(expired, 1, false))
                .isEqualTo(new Verdict.GiveUp(FailureKind.FULL_SYNC_REQUIRED));
    }

    @Test
    void recognisesTheExpiredVersionStampWhateverTheStatusAndCase() {
        assertThat(classification.classify(error(422, "0X80044352", -1), 1, false))
                .isEqualTo(new Verdict.GiveUp(FailureKind.FULL_SYNC_REQUIRED));
    }

    @Test
    void namesTheKindOfAFailureThatCannotBeRetried() {
        assertThat(classification.kindOf(error(429, "", 1))).isEqualTo(FailureKind.THROTTLED);
        assertThat(classification.kindOf(error(503, "", -1))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(classification.kindOf(error(401, "", -1))).isEqualTo(FailureKind.UNAUTHORIZED);
        assertThat(classification.kindOf(error(412, DataverseError.DUPLICATE_RECORD, -1)))
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.THROTTLED.retryable()).isTrue();
        assertThat(FailureKind.PERMANENT.retryable()).isFalse();
    }

    private static DataverseError error(int status, String code, int retryAfterSeconds) {
        return new DataverseError(status, code, "message", retryAfterSeconds < 0 ? Optional.empty()
                : Optional.of(Duration.ofSeconds(retryAfterSeconds)));
    }
}
