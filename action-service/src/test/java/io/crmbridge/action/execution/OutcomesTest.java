package io.crmbridge.action.execution;

import java.time.Duration;
import java.util.Optional;

import io.crmbridge.action.command.Commands;
import io.crmbridge.action.command.Operation;
import io.crmbridge.action.command.Write;
import io.crmbridge.crm.failure.DataverseError;
import io.crmbridge.crm.failure.FailureClassification;
import io.crmbridge.crm.failure.FailureKind;
import io.crmbridge.crm.failure.RetrySettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomesTest {

    private final Outcomes outcomes = new Outcomes(new FailureClassification(RetrySettings.defaults()
            .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30))), 3);

    @Test
    void aSuccessIsWrittenWithTheRowId() {
        assertThat(outcomes.decide(Writes.of(Commands.update()), WriteResponse.success(204, null), 1))
                .isEqualTo(written(Commands.ACCOUNT_ID, 204));
    }

    @Test
    void takesTheRowIdOfAWriteByAlternateKeyFromTheEntityIdHeader() {
        Write upsert = Writes.of(Commands.update().operation(Operation.UPSERT).target(
                io.crmbridge.action.command.Target.byKey(java.util.Map.of("accountnumber",
                        new io.crmbridge.action.command.ColumnValue.Text("A-1")))));

        assertThat(outcomes.decide(upsert, WriteResponse.success(204,
                "https://h/org/contoso/api/data/v9.2/accounts(9A2B7C1E-1111-4A2B-9C3D-000000000009)"), 1))
                .isEqualTo(written("9a2b7c1e-1111-4a2b-9c3d-000000000009", 204));
    }

    @Test
    void aCreateMeetingDuplicateRecordForItsOwnIdIsDone() {
        Write create = Writes.of(Commands.create().commandId("cmd-1"));
        String derived = "0dd612b9-7925-547b-8061-36fc0a21a681";

        assertThat(outcomes.decide(create, WriteResponse.error(412, "0x80040237", "duplicate"), 2))
                .isEqualTo(written(derived, 412));
        assertThat(outcomes.decide(create, WriteResponse.error(412, "", "A record with matching key values"), 1))
                .isEqualTo(written(derived, 412));
    }

    @Test
    void aDeleteOrDisassociateMeeting404IsDone() {
        assertThat(outcomes.decide(Writes.of(Commands.delete()), WriteResponse.error(404, "0x80040217", "gone"), 1))
                .isEqualTo(written(Commands.ACCOUNT_ID, 404));
        assertThat(outcomes.decide(Writes.of(Commands.associate().operation(Operation.DISASSOCIATE)),
                WriteResponse.error(404, "0x80040217", "no link"), 1)).isEqualTo(written(Commands.ACCOUNT_ID, 404));
    }

    @Test
    void anAssociateMeetingDuplicateIsDone() {
        assertThat(outcomes.decide(Writes.of(Commands.associate()), WriteResponse.error(412, "0x80040237", "dup"), 1))
                .isEqualTo(written(Commands.ACCOUNT_ID, 412));
    }

    @Test
    void anUpdateOfAMissingRowFailsAtOnceWithDataversesCodeAndMessage() {
        assertThat(outcomes.decide(Writes.of(Commands.update()), WriteResponse.error(404, "0x80040217",
                "account With Id = x Does Not Exist"), 1)).isEqualTo(new Decision.Final(new WriteOutcome.Rejected(404,
                "0x80040217", "account With Id = x Does Not Exist", false)));
    }

    @Test
    void aConcurrencyMismatchOrValidationErrorIsPermanent() {
        assertThat(outcomes.decide(Writes.of(Commands.update().ifMatch("W/\"1\"")), WriteResponse.error(412, "",
                "The version of the existing record doesn't match"), 1)).isEqualTo(new Decision.Final(
                new WriteOutcome.Rejected(412, "HTTP_412", "The version of the existing record doesn't match", false)));
        assertThat(outcomes.decide(Writes.of(Commands.create()), WriteResponse.error(400, "0x80044331", "too long"), 1))
                .isEqualTo(new Decision.Final(new WriteOutcome.Rejected(400, "0x80044331", "too long", false)));
    }

    @Test
    void throttlingIsRetriedAfterRetryAfterUntilTheBoundThenFailsRetryable() {
        WriteResponse throttled = WriteResponse.failed(new DataverseError(429, "0x80072322", "limit",
                Optional.of(Duration.ofSeconds(7))));

        assertThat(outcomes.decide(Writes.of(Commands.update()), throttled, 1))
                .isEqualTo(new Decision.Retry(Duration.ofSeconds(7)));
        assertThat(outcomes.decide(Writes.of(Commands.update()), throttled, 3)).isEqualTo(new Decision.Final(
                new WriteOutcome.Rejected(429, "0x80072322", "limit", true)));
    }

    @Test
    void transientErrorsBackOffExponentially() {
        assertThat(outcomes.decide(Writes.of(Commands.update()), WriteResponse.error(503, "", ""), 2))
                .isEqualTo(new Decision.Retry(Duration.ofSeconds(4)));
    }

    @Test
    void a401WaitsForAToken() {
        assertThat(outcomes.decide(Writes.of(Commands.update()), WriteResponse.error(401, "", ""), 1))
                .isInstanceOf(Decision.Final.class)
                .extracting(decision -> ((Decision.Final) decision).outcome())
                .isInstanceOf(WriteOutcome.Deferred.class);
        assertThat(outcomes.whole(new RequestFailure(FailureKind.UNAUTHORIZED, 401, "", "expired")))
                .isInstanceOf(WriteOutcome.Deferred.class);
    }

    @Test
    void aWholeRequestThatStayedThrottledFailsRetryable() {
        assertThat(outcomes.whole(new RequestFailure(FailureKind.THROTTLED, 429, "0x80072322", "limit")))
                .isEqualTo(new WriteOutcome.Rejected(429, "0x80072322", "limit", true));
        assertThat(outcomes.whole(new RequestFailure(FailureKind.TRANSIENT, 0, "", "connection reset")))
                .isEqualTo(new WriteOutcome.Rejected(null, "NO_RESPONSE", "connection reset", true));
    }

    private static Decision written(String id, int status) {
        return new Decision.Final(new WriteOutcome.Written(id, status));
    }
}
