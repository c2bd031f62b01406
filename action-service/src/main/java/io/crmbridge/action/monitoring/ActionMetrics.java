package io.crmbridge.action.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import io.crmbridge.action.execution.WriteOutcome;
import io.crmbridge.action.holding.ConnectionHolds;
import io.crmbridge.crm.connection.ConnectionId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The action service's metrics (Prometheus names with {@code _total} etc. added by the registry):
 * <ul>
 * <li>{@code crmbridge.action.commands} consumed commands (rate: commands/s)</li>
 * <li>{@code crmbridge.action.results{status,code}} results by status and error code</li>
 * <li>{@code crmbridge.action.batch.size} writes per Dataverse request; {@code crmbridge.action.requests{kind}}</li>
 * <li>{@code crmbridge.action.latency} from a command's requestedAt to its result</li>
 * <li>{@code crmbridge.action.transaction} duration of one consume-execute-produce transaction</li>
 * <li>{@code crmbridge.action.waiting{connection}} parked commands per connection; {@code crmbridge.action.parked}
 *     commands parked; {@code crmbridge.action.held.connections}</li>
 * <li>{@code crmbridge.action.dead.letters} records sent to the dead-letter topic</li>
 * </ul>
 */
public final class ActionMetrics {

    private final MeterRegistry registry;
    private final Counter commands;
    private final Counter deadLetters;
    private final Counter parked;
    private final DistributionSummary batchSize;
    private final Timer latency;
    private final Timer transaction;
    private final MultiGauge waiting;

    public ActionMetrics(MeterRegistry registry, ConnectionHolds holds) {
        this.registry = registry;
        this.commands = Counter.builder("crmbridge.action.commands").description("Commands consumed")
                .register(registry);
        this.deadLetters = Counter.builder("crmbridge.action.dead.letters")
                .description("Unreadable command records sent to the dead-letter topic").register(registry);
        this.parked = Counter.builder("crmbridge.action.parked")
                .description("Commands moved to the waiting topic").register(registry);
        this.batchSize = DistributionSummary.builder("crmbridge.action.batch.size")
                .description("Writes per Dataverse request").publishPercentiles(0.5, 0.99).register(registry);
        this.latency = Timer.builder("crmbridge.action.latency").description("Command requestedAt to result")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.transaction = Timer.builder("crmbridge.action.transaction")
                .description("One consume-execute-produce transaction").register(registry);
        this.waiting = MultiGauge.builder("crmbridge.action.waiting")
                .description("Parked commands per connection").register(registry);
        Gauge.builder("crmbridge.action.held.connections", holds, h -> h.held().size())
                .description("Connections whose commands wait for a token").register(registry);
    }

    public void consumed(int count) {
        commands.increment(count);
    }

    public void result(WriteOutcome outcome, Instant requestedAt, Instant completedAt) {
        String status = outcome instanceof WriteOutcome.Written ? "SUCCEEDED" : "FAILED";
        String code = outcome instanceof WriteOutcome.Rejected rejected ? rejected.code() : "none";
        registry.counter("crmbridge.action.results", Tags.of("status", status, "code", code)).increment();
        if (!requestedAt.isAfter(completedAt)) {
            latency.record(Duration.between(requestedAt, completedAt));
        }
    }

    public void deadLettered() {
        deadLetters.increment();
    }

    public void parked(int count) {
        parked.increment(count);
    }

    public void request(boolean batch, int writes) {
        registry.counter("crmbridge.action.requests", Tags.of("kind", batch ? "batch" : "single")).increment();
        batchSize.record(writes);
    }

    public <T> T transaction(Supplier<T> work) {
        return transaction.record(work);
    }

    /** Replaces the per-connection waiting gauges. */
    public void waiting(Map<ConnectionId, Integer> byConnection) {
        waiting.register(byConnection.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("connection", e.getKey().value()), e.getValue()))
                .toList(), true);
    }
}
