package io.crmbridge.action.execution;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.crmbridge.crm.connection.ConnectionId;

/** Dataverse in memory: records every request and answers each part with {@link #answer}, 204 by default. */
public final class FakeDataverse implements Dataverse {

    /** One request as sent: a $batch of several parts, or a single request. */
    public record Call(ConnectionId connection, boolean batch, List<WriteRequest> requests) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final Deque<Exchange.Unanswered> wholeFailures = new ArrayDeque<>();
    private final java.util.Map<ConnectionId, Exchange.Unanswered> failing = new java.util.HashMap<>();
    private volatile Function<WriteRequest, WriteResponse> answer = request -> WriteResponse.success(204, null);

    public void answer(Function<WriteRequest, WriteResponse> answer) {
        this.answer = answer;
    }

    /** The next request fails as a whole. */
    public synchronized void failNext(Exchange.Unanswered failure) {
        wholeFailures.add(failure);
    }

    /** Every request of {@code connection} fails with {@code failure} until {@link #heal} is called. */
    public synchronized void failAll(ConnectionId connection, Exchange.Unanswered failure) {
        failing.put(connection, failure);
    }

    public synchronized void heal(ConnectionId connection) {
        failing.remove(connection);
    }

    /** The requests sent for {@code connection}, in the order they were sent (batch parts in place). */
    public synchronized List<WriteRequest> requests(ConnectionId connection) {
        return calls.stream().filter(call -> call.connection().equals(connection))
                .flatMap(call -> call.requests().stream()).toList();
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public CompletableFuture<Exchange> batch(ConnectionId connection, List<WriteRequest> requests) {
        return CompletableFuture.completedFuture(exchange(new Call(connection, true, List.copyOf(requests))));
    }

    @Override
    public CompletableFuture<Exchange> single(ConnectionId connection, WriteRequest request) {
        return CompletableFuture.completedFuture(exchange(new Call(connection, false, List.of(request))));
    }

    private synchronized Exchange exchange(Call call) {
        Exchange.Unanswered failing = this.failing.get(call.connection());
        if (failing != null) {
            return failing;
        }
        calls.add(call);
        Exchange.Unanswered failure = wholeFailures.poll();
        if (failure != null) {
            return failure;
        }
        return new Exchange.Answered(call.requests().stream().map(answer).toList(), 1);
    }
}
