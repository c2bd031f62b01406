package io.crmbridge.action.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.crmbridge.action.command.ColumnValue;
import io.crmbridge.action.command.Commands;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.failure.DataverseError;
import io.crmbridge.crm.failure.FailureClassification;
import io.crmbridge.crm.failure.FailureKind;
import io.crmbridge.crm.failure.RetrySettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutingWritesTest {

    private static final FailureClassification NO_WAITING = new FailureClassification(RetrySettings.defaults()
            .withBackoff(Duration.ZERO, Duration.ZERO));

    private final FakeDataverse dataverse = new FakeDataverse();
    private long tickets;

    @Test
    void groupsAConnectionsWritesIntoBatchesOfTheConfiguredSize() {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(job(Commands.create().commandId("c" + i), "key-" + i));
        }

        List<Done> done = executing(3).execute(jobs).join();

        assertThat(dataverse.calls()).extracting(call -> call.requests().size()).containsExactly(3, 2);
        assertThat(dataverse.calls()).allMatch(FakeDataverse.Call::batch);
        assertThat(done).hasSize(5).allMatch(d -> d.outcome() instanceof WriteOutcome.Written && d.attempts() == 1);
    }

    @Test
    void sendsEachWriteAloneWhenBatchingIsOff() {
        List<Job> jobs = List.of(job(Commands.create().commandId("a"), "a"), job(Commands.create().commandId("b"), "b"));

        new ExecutingWrites(dataverse, NO_WAITING, new ExecutionSettings(false, 100, 3, 4)).execute(jobs).join();

        assertThat(dataverse.calls()).hasSize(2).noneMatch(FakeDataverse.Call::batch);
    }

    @Test
    void neverPutsTwoWritesOfOneRowInFlightTogether() {
        List<Job> jobs = List.of(
                job(update("first"), "row-1"), job(update("x"), "row-2"), job(update("second"), "row-1"),
                job(update("third"), "row-1"));

        executing(100).execute(jobs).join();

        assertThat(dataverse.calls()).extracting(call -> call.requests().stream().map(WriteRequest::body).toList())
                .containsExactly(
                        List.of(body("first"), body("x")),
                        List.of(body("second")),
                        List.of(body("third")));
    }

    @Test
    void retriesAThrottledPartBeforeTheRowsNextWrite() {
        AtomicInteger throttles = new AtomicInteger(1);
        dataverse.answer(request -> request.body().equals(body("first")) && throttles.getAndDecrement() > 0
                ? WriteResponse.failed(new DataverseError(429, "0x80072322", "limit", Optional.of(Duration.ZERO)))
                : WriteResponse.success(204, null));

        List<Done> done = executing(100).execute(List.of(job(update("first"), "row-1"), job(update("other"), "row-2"),
                job(update("second"), "row-1"))).join();

        assertThat(dataverse.calls()).extracting(call -> call.requests().stream().map(WriteRequest::body).toList())
                .containsExactly(List.of(body("first"), body("other")), List.of(body("first")), List.of(body("second")));
        assertThat(done).filteredOn(d -> d.job().orderingKey().equals("row-2")).singleElement()
                .extracting(Done::attempts).isEqualTo(1);
        assertThat(done).filteredOn(d -> d.job().write().values().equals(Map.of("name", new ColumnValue.Text("first"))))
                .singleElement().extracting(Done::attempts).isEqualTo(2);
    }

    @Test
    void failsRetryableOnceTheAttemptsAreUsedUp() {
        dataverse.answer(request -> WriteResponse.error(503, "", "unavailable"));

        List<Done> done = executing(100).execute(List.of(job(update("a"), "row-1"))).join();

        assertThat(done).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(new WriteOutcome.Rejected(503, "HTTP_503", "unavailable", true));
            assertThat(d.attempts()).isEqualTo(3);
        });
    }

    @Test
    void failsEveryWriteOfAWholeRequestThatStayedThrottled() {
        dataverse.failNext(new Exchange.Unanswered(new RequestFailure(FailureKind.THROTTLED, 429, "0x80072322",
                "limit"), 5));

        List<Done> done = executing(100).execute(List.of(job(update("a"), "row-1"), job(update("b"), "row-2")))
                .join();

        assertThat(done).hasSize(2).allSatisfy(d -> {
            assertThat(d.outcome()).isEqualTo(new WriteOutcome.Rejected(429, "0x80072322", "limit", true));
            assertThat(d.attempts()).isEqualTo(5);
        });
    }

    @Test
    void holdsEveryLaterWriteOfAConnectionThatLostItsTokenButNotOtherConnections() {
        dataverse.failNext(new Exchange.Unanswered(new RequestFailure(FailureKind.UNAUTHORIZED, 401, "", "expired"),
                2));

        List<Done> done = executing(100).execute(List.of(job(update("a1"), "row-1"), job(update("a2"), "row-1"),
                job(update("b1").connection("conn-b"), "row-9"))).join();

        assertThat(done).filteredOn(d -> d.job().connection().value().equals("conn-a"))
                .hasSize(2).allMatch(d -> d.outcome() instanceof WriteOutcome.Deferred);
        assertThat(done).filteredOn(d -> d.job().connection().value().equals("conn-b"))
                .singleElement().extracting(Done::outcome).isInstanceOf(WriteOutcome.Written.class);
        assertThat(dataverse.calls()).extracting(call -> call.connection().value()).containsOnlyOnce("conn-a");
    }

    @Test
    void treatsAFailedCallAsATransientFailureOfItsWrites() {
        Dataverse broken = new Dataverse() {
            @Override
            public CompletableFuture<Exchange> batch(ConnectionId connection, List<WriteRequest> requests) {
                return CompletableFuture.failedFuture(new IllegalStateException("boom"));
            }

            @Override
            public CompletableFuture<Exchange> single(ConnectionId connection, WriteRequest request) {
                return CompletableFuture.failedFuture(new IllegalStateException("boom"));
            }
        };

        List<Done> done = new ExecutingWrites(broken, NO_WAITING, new ExecutionSettings(true, 10, 3, 2))
                .execute(List.of(job(update("a"), "row-1"))).join();

        assertThat(done).singleElement().extracting(Done::outcome).isEqualTo(new WriteOutcome.Rejected(null,
                "NO_RESPONSE", "request failed: IllegalStateException: boom", true));
    }

    private ExecutingWrites executing(int batchSize) {
        return new ExecutingWrites(dataverse, NO_WAITING, new ExecutionSettings(true, batchSize, 3, 4));
    }

    private Job job(Commands command, String key) {
        return new Job(tickets++, Writes.of(command), key);
    }

    private static Commands update(String name) {
        return Commands.update().attributes(Map.of("name", new ColumnValue.Text(name)));
    }

    private static String body(String name) {
        return "{\"name\":\"" + name + "\"}";
    }
}
