package io.crmbridge.sandbox.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.crmbridge.sandbox.dataverse.Dataverse;
import io.crmbridge.sandbox.dataverse.DataverseError;
import io.crmbridge.sandbox.dataverse.Table;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Mutates records in one org's table at a steady rate, through the in-process {@link Table} API, so that demos
 * and benchmarks see a live change feed. One plan runs at a time; {@link #start} replaces the running one.
 */
public final class TrafficGenerator implements AutoCloseable {

    private static final long TICK_MILLIS = 10;

    private final Dataverse dataverse;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sandbox-traffic");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong updated = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private ScheduledFuture<?> running;
    private TrafficPlan plan;

    public TrafficGenerator(Dataverse dataverse) {
        this.dataverse = dataverse;
    }

    /** What the generator is doing and has done since it was created. */
    public record Status(boolean running, TrafficPlan plan, long created, long updated, long deleted, long failed) {
    }

    public synchronized void start(TrafficPlan newPlan) {
        stop();
        Table table = dataverse.org(newPlan.org()).table(newPlan.table());
        SampleValues.forUpdate(newPlan.table());
        this.plan = newPlan;
        Writer writer = new Writer(newPlan, table, System.nanoTime());
        running = scheduler.scheduleAtFixedRate(writer::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops the plan; when it returns, no write of it is in flight and none will follow. */
    public synchronized void stop() {
        if (running != null) {
            running.cancel(false);
            running = null;
            awaitTickInFlight();
        }
    }

    // The scheduler has one thread: once a no-op has run on it, a tick that was running when we cancelled is done.
    private void awaitTickInFlight() {
        try {
            scheduler.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException e) {
            // Shut down: nothing is running any more.
        }
    }

    public synchronized Status status() {
        return new Status(running != null, plan, created.get(), updated.get(), deleted.get(), failed.get());
    }

    /** {@code /admin/traffic}: GET status, POST start (a plan as JSON), POST stop. */
    public RouterFunction<ServerResponse> adminRoutes() {
        return new TrafficEndpoints(this).routes();
    }

    @Override
    public void close() {
        stop();
        scheduler.shutdownNow();
    }

    /** Runs on the scheduler thread only: issues the writes due since the plan started. */
    private final class Writer {
        private final TrafficPlan plan;
        private final Table table;
        private final long startNanos;
        private final List<UUID> ids = new ArrayList<>();
        private long issued;
        private long sequence;

        Writer(TrafficPlan plan, Table table, long startNanos) {
            this.plan = plan;
            this.table = table;
            this.startNanos = startNanos;
        }

        void tick() {
            long due = (long) ((System.nanoTime() - startNanos) / 1e9 * plan.ratePerSecond());
            while (issued < due) {
                issued++;
                try {
                    write();
                } catch (DataverseError | IllegalArgumentException e) {
                    failed.incrementAndGet();
                }
            }
        }

        private void write() {
            int pick = ThreadLocalRandom.current().nextInt(plan.creates() + plan.updates() + plan.deletes());
            if (ids.isEmpty() || pick < plan.creates()) {
                ids.add(table.create(SampleValues.forCreate(plan.table(), System.nanoTime() + sequence++)));
                created.incrementAndGet();
            } else if (pick < plan.creates() + plan.updates()) {
                table.update(ids.get(ThreadLocalRandom.current().nextInt(ids.size())),
                        SampleValues.forUpdate(plan.table()));
                updated.incrementAndGet();
            } else {
                int index = ThreadLocalRandom.current().nextInt(ids.size());
                UUID id = ids.get(index);
                ids.set(index, ids.get(ids.size() - 1));
                ids.remove(ids.size() - 1);
                table.delete(id);
                deleted.incrementAndGet();
            }
        }
    }
}
