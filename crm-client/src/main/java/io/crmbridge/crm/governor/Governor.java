package io.crmbridge.crm.governor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Paces the Web API requests of one connection so it never falls into a 429 storm (reference §6): every request
 * first {@link #acquire()}s a {@link Permit}, which waits while the connection is paused by a {@code Retry-After},
 * while {@link GovernorSettings#maxConcurrency()} requests are in flight, and until the adaptive rate allows one
 * more (see {@link Pace}). Reporting the response on the permit ({@link Permit#succeeded()},
 * {@link Permit#throttled(Duration)}, {@link Permit#finished()}) drives the adaptation. Waiting never blocks a
 * thread; permits are granted in arrival order.
 */
public final class Governor {

    private final Pace pace;
    private final LongSupplier nanoTime;
    private final Scheduler timer;
    private final Deque<MonoSink<Permit>> waiting = new ArrayDeque<>();
    private long wakeUpAt = Long.MAX_VALUE;

    public Governor(GovernorSettings settings) {
        this(settings, System::nanoTime, Schedulers.parallel());
    }

    /** With a given time source and timer, for tests. */
    public Governor(GovernorSettings settings, LongSupplier nanoTime, Scheduler timer) {
        this.nanoTime = nanoTime;
        this.timer = timer;
        this.pace = new Pace(settings, nanoTime.getAsLong());
    }

    /** Completes with a permit when the request may go; the permit must be reported exactly once. */
    public Mono<Permit> acquire() {
        return Mono.<Permit>create(sink -> {
                    synchronized (this) {
                        waiting.addLast(sink);
                    }
                    sink.onCancel(() -> cancel(sink));
                    drain();
                })
                // A permit granted to a subscriber that just cancelled is handed back, not leaked.
                .doOnDiscard(Permit.class, Permit::finished);
    }

    /** The governor's state now, for metrics and logs. */
    public synchronized Snapshot snapshot() {
        long pausedFor = Math.max(0, pace.pausedUntil() - nanoTime.getAsLong());
        return new Snapshot(pace.rate(), pace.concurrencyLimit(), pace.inFlight(), waiting.size(),
                pace.throttles(), Duration.ofNanos(pausedFor));
    }

    /**
     * @param rate             requests per second allowed now
     * @param concurrencyLimit requests allowed in flight now
     * @param inFlight         requests in flight
     * @param waiting          requests waiting for a permit
     * @param throttles        429s reported since start
     * @param pausedFor        how much longer a {@code Retry-After} holds the connection
     */
    public record Snapshot(double rate, int concurrencyLimit, int inFlight, int waiting, long throttles,
                           Duration pausedFor) {
    }

    void report(Permit permit, Permit.Result result, Duration retryAfter) {
        synchronized (this) {
            long now = nanoTime.getAsLong();
            switch (result) {
                case SUCCEEDED -> pace.succeeded(now);
                case THROTTLED -> pace.throttled(permit.admittedAt(), now, retryAfter);
                case FINISHED -> pace.finished();
            }
        }
        drain();
    }

    private void drain() {
        List<Runnable> grants = new ArrayList<>();
        synchronized (this) {
            while (!waiting.isEmpty()) {
                Pace.Admission admission = pace.admit(nanoTime.getAsLong());
                if (admission instanceof Pace.Admitted admitted) {
                    MonoSink<Permit> waiter = waiting.pollFirst();
                    Permit permit = new Permit(this, admitted.admittedAt());
                    grants.add(() -> waiter.success(permit));
                } else {
                    if (admission instanceof Pace.Wait wait) {
                        wakeUpIn(wait.nanos());
                    }
                    break;
                }
            }
        }
        // Complete outside the lock: subscribers run their request on this thread.
        grants.forEach(Runnable::run);
    }

    private void wakeUpIn(long nanos) {
        long at = nanoTime.getAsLong() + nanos;
        if (at < wakeUpAt) {
            wakeUpAt = at;
            timer.schedule(this::wokeUp, Math.max(nanos, 0), TimeUnit.NANOSECONDS);
        }
    }

    private void wokeUp() {
        synchronized (this) {
            wakeUpAt = Long.MAX_VALUE;
        }
        drain();
    }

    private synchronized void cancel(MonoSink<Permit> waiter) {
        waiting.remove(waiter);
    }

}
