package io.crmbridge.action.execution;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Runs at most {@code max} asynchronous calls at once; the rest start, in order, as earlier ones complete. */
final class InFlight {

    private final int max;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    InFlight(int max) {
        this.max = max;
    }

    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> start(call, result);
        synchronized (this) {
            if (running == max) {
                waiting.add(start);
                return result;
            }
            running++;
        }
        start.run();
        return result;
    }

    private <T> void start(Supplier<CompletableFuture<T>> call, CompletableFuture<T> result) {
        CompletableFuture<T> started;
        try {
            started = call.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((value, error) -> {
            release();
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        });
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.run();
        }
    }
}
