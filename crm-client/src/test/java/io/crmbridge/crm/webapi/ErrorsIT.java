package io.crmbridge.crm.webapi;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.crmbridge.crm.failure.DataverseError;
import io.crmbridge.crm.failure.FailureKind;
import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.crm.record.RecordPage;
import io.crmbridge.crm.record.RecordParser;
import io.crmbridge.crm.token.AccessTokens;
import io.crmbridge.sandbox.admin.ArmedFault;
import io.crmbridge.sandbox.admin.Fault;
import io.crmbridge.sandbox.admin.FaultRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures from the sandbox, each ending as the classification says: retried, renewed, or a typed failure. */
class ErrorsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final RecordParser ACCOUNTS = new RecordParser(TableMetadata.minimal("account", "accounts"));
    private static SandboxConnection sandbox;
    private ArmedFault fault;

    @BeforeAll
    static void connect() {
        sandbox = new SandboxConnection("errors");
        sandbox.org.table("account").create(Map.of("name", "Fourth Coffee"));
    }

    @AfterEach
    void disarm() {
        if (fault != null) {
            sandbox.sandbox.faults().remove(fault.id());
        }
    }

    @Test
    void endsAMissingRowAsAPermanentFailureWithTheDataverseCode() {
        Outcome<?> missing = sandbox.connection.retrieve(ACCOUNTS,
                RecordAddress.byId("accounts", UUID.randomUUID())).block(WAIT);

        assertThat(missing).isInstanceOfSatisfying(Outcome.Failure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
            assertThat(failure.error().status()).isEqualTo(404);
            assertThat(failure.error().code()).isEqualTo(DataverseError.OBJECT_DOES_NOT_EXIST);
            assertThat(failure.error().message()).contains("Does Not Exist");
            assertThat(failure.attempts()).isEqualTo(1);
        });
    }

    @Test
    void endsACreateWithATakenIdAsDuplicateRecord() {
        UUID id = sandbox.org.table("account").create(Map.of("name", "Taken"));

        Outcome<WriteResponse> duplicate = sandbox.connection.write(WriteRequests.create("accounts",
                ("{\"accountid\":\"" + id + "\",\"name\":\"Again\"}").getBytes(), false)).block(WAIT);

        assertThat(duplicate).isInstanceOfSatisfying(Outcome.Failure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
            assertThat(failure.error().status()).isEqualTo(412);
            assertThat(failure.error().code()).isEqualTo(DataverseError.DUPLICATE_RECORD);
        });
    }

    @Test
    void retriesServerErrorsAndSucceeds() {
        long before = count(503);
        fault = sandbox.sandbox.faults().add(FaultRule.of(new Fault.Status(503))
                .onPathsStartingWith(sandbox.pathPrefix()).times(2));

        Outcome<RecordPage> page = query();

        assertThat(page.orElseThrow().records()).isNotEmpty();
        assertThat(count(503) - before).isEqualTo(2);
    }

    @Test
    void givesUpOnServerErrorsAfterTheLastAttemptAsTransient() {
        fault = sandbox.sandbox.faults().add(FaultRule.of(new Fault.Status(502))
                .onPathsStartingWith(sandbox.pathPrefix()));

        Outcome<RecordPage> page = query();

        assertThat(page).isInstanceOfSatisfying(Outcome.Failure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
            assertThat(failure.kind().retryable()).isTrue();
            assertThat(failure.error().status()).isEqualTo(502);
            assertThat(failure.attempts()).isEqualTo(5);
        });
        assertThat(fault.injected()).isEqualTo(5);
    }

    @Test
    void retriesAConnectionResetAsTransient() {
        fault = sandbox.sandbox.faults().add(FaultRule.of(new Fault.Reset())
                .onPathsStartingWith(sandbox.pathPrefix()).times(1));

        assertThat(query().orElseThrow().records()).isNotEmpty();
        assertThat(fault.injected()).isEqualTo(1);
    }

    @Test
    void retriesAnAttemptThatTimesOut() {
        DataverseConnection impatient = sandbox.api(SandboxConnection.quick()
                        .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5)),
                id -> new AccessTokens.IssuedToken(sandbox.sandbox.appAccessToken(sandbox.org.url()),
                        Instant.now().plusSeconds(3600))).connection(sandbox.id, sandbox.orgUrl);
        fault = sandbox.sandbox.faults().add(FaultRule.of(new Fault.Latency(Duration.ofSeconds(3)))
                .onPathsStartingWith(sandbox.pathPrefix()).times(1));

        assertThat(impatient.query(ACCOUNTS, Query.of("accounts"), ReadOptions.defaults()).block(WAIT)
                .orElseThrow().records()).isNotEmpty();
    }

    @Test
    void renewsAnExpiredTokenOnceAndRetries() {
        query().orElseThrow();
        int issued = sandbox.tokensIssued.get();
        long unauthorized = count(401);

        sandbox.sandbox.clock().advance(Duration.ofHours(2));
        Outcome<RecordPage> page = query();

        assertThat(page.orElseThrow().records()).isNotEmpty();
        assertThat(sandbox.tokensIssued.get()).isEqualTo(issued + 1);
        assertThat(count(401) - unauthorized).isEqualTo(1);
    }

    @Test
    void endsAsUnauthorizedWhenTheRenewedTokenIsRefusedToo() {
        DataverseConnection forged = sandbox.api(SandboxConnection.quick(), id -> new AccessTokens.IssuedToken(
                "forged.token.value", Instant.now().plusSeconds(3600))).connection(sandbox.id, sandbox.orgUrl);

        Outcome<RecordPage> page = forged.query(ACCOUNTS, Query.of("accounts"), ReadOptions.defaults()).block(WAIT);

        assertThat(page).isInstanceOfSatisfying(Outcome.Failure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(FailureKind.UNAUTHORIZED);
            assertThat(failure.error().status()).isEqualTo(401);
            assertThat(failure.attempts()).isEqualTo(2);
            assertThat(failure.error().message()).doesNotContain("forged.token.value");
        });
    }

    private Outcome<RecordPage> query() {
        return sandbox.connection.query(ACCOUNTS, Query.of("accounts").select("name"), ReadOptions.defaults())
                .block(WAIT);
    }

    private long count(int status) {
        return sandbox.sandbox.requests().count(entry -> entry.status() == status
                && entry.org().equals(Optional.of(sandbox.id.value())));
    }
}
