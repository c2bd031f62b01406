package io.crmbridge.action.execution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.failure.FailureClassification;

/**
 * Use case: applies validated writes to Dataverse and says how each ended. Connections run independently and
 * concurrently; within one, writes are grouped into {@code $batch} requests without reordering any row's writes
 * (see {@link Batching}); decisions come from {@link Outcomes}.
 */
public final class ExecutingWrites {

    private final Dataverse dataverse;
    private final Outcomes outcomes;
    private final ExecutionSettings settings;

    public ExecutingWrites(Dataverse dataverse, FailureClassification classification, ExecutionSettings settings) {
        this.dataverse = dataverse;
        this.outcomes = new Outcomes(classification, settings.maxAttempts());
        this.settings = settings;
    }

    /** Completes with one {@link Done} per job (in no particular order) once every job has ended. */
    public CompletableFuture<List<Done>> execute(List<Job> jobs) {
        Map<ConnectionId, List<Job>> byConnection = new LinkedHashMap<>();
        jobs.forEach(job -> byConnection.computeIfAbsent(job.connection(), c -> new ArrayList<>()).add(job));
        List<CompletableFuture<List<Done>>> runs = byConnection.entrySet().stream()
                .map(e -> new ConnectionRun(e.getKey(), e.getValue(), dataverse, outcomes, settings).run())
                .toList();
        return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> runs.stream().flatMap(run -> run.join().stream()).toList());
    }
}
