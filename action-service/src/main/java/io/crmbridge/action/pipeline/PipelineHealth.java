package io.crmbridge.action.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.crmbridge.action.holding.ConnectionHolds;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP while every command loop runs and has polled recently (a loop may spend minutes in one transaction when
 * Dataverse throttles, hence the generous limit); details name the held connections and waiting commands.
 */
final class PipelineHealth implements HealthIndicator {

    private final CommandPipeline pipeline;
    private final ConnectionHolds holds;
    private final Duration stuckAfter;
    private final Clock clock;

    PipelineHealth(CommandPipeline pipeline, ConnectionHolds holds, Duration stuckAfter, Clock clock) {
        this.pipeline = pipeline;
        this.holds = holds;
        this.stuckAfter = stuckAfter;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        boolean polling = pipeline.loops().stream().allMatch(loop -> loop.lastPoll().plus(stuckAfter).isAfter(now));
        Health.Builder health = pipeline.isRunning() && pipeline.allAlive() && polling ? Health.up() : Health.down();
        return health.withDetail("loops", pipeline.loops().size())
                .withDetail("heldConnections", holds.held().stream().map(Object::toString).sorted().toList())
                .withDetail("waitingCommands", pipeline.loops().stream()
                        .mapToInt(loop -> loop.waiting().byConnection().values().stream().mapToInt(i -> i).sum())
                        .sum())
                .build();
    }
}
