package io.crmbridge.action.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.failure.FailureKind;

/**
 * The execution of one connection's jobs: wave after wave (see {@link Batching}), each wave's chunks concurrently
 * within the in-flight bound, writes whose part failed transiently sent again after their delay until they end.
 * Once a write must wait for a token, every later write of the connection waits too, unsent.
 */
final class ConnectionRun {

    private final ConnectionId connection;
    private final List<Job> jobs;
    private final Dataverse dataverse;
    private final Outcomes outcomes;
    private final ExecutionSettings settings;
    private final InFlight inFlight;
    private final Map<Long, Integer> attempts = new ConcurrentHashMap<>();
    private final Queue<Done> done = new ConcurrentLinkedQueue<>();
    private volatile boolean waitingForToken;

    private record Retry(Job job, Duration delay) {
    }

    ConnectionRun(ConnectionId connection, List<Job> jobs, Dataverse dataverse, Outcomes outcomes,
                  ExecutionSettings settings) {
        this.connection = connection;
        this.jobs = jobs;
        this.dataverse = dataverse;
        this.outcomes = outcomes;
        this.settings = settings;
        this.inFlight = new InFlight(settings.maxInFlight());
    }

    CompletableFuture<List<Done>> run() {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (List<Job> wave : Batching.waves(jobs)) {
            chain = chain.thenCompose(ignored -> attempt(wave));
        }
        return chain.thenApply(ignored -> List.copyOf(done));
    }

    private CompletableFuture<Void> attempt(List<Job> wave) {
        if (waitingForToken) {
            wave.forEach(job -> finish(job, new WriteOutcome.Deferred("an earlier write of connection "
                    + connection + " is waiting for a token")));
            return CompletableFuture.completedFuture(null);
        }
        int size = settings.batching() ? settings.batchSize() : 1;
        List<CompletableFuture<List<Retry>>> sent = Batching.chunks(wave, size).stream().map(this::send).toList();
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).thenCompose(ignored -> {
            List<Retry> retries = sent.stream().flatMap(chunk -> chunk.join().stream()).toList();
            if (retries.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            long delay = retries.stream().mapToLong(retry -> retry.delay().toMillis()).max().orElse(0);
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
                    .thenCompose(waited -> attempt(retries.stream().map(Retry::job).toList()));
        });
    }

    private CompletableFuture<List<Retry>> send(List<Job> chunk) {
        List<WriteRequest> requests = chunk.stream().map(job -> WebApiWrites.of(job.write())).toList();
        CompletableFuture<Exchange> exchange = inFlight.submit(() -> requests.size() == 1
                ? dataverse.single(connection, requests.get(0)) : dataverse.batch(connection, requests));
        return exchange.handle((answer, error) -> settle(chunk, answer != null ? answer : unanswered(error)));
    }

    private List<Retry> settle(List<Job> chunk, Exchange exchange) {
        chunk.forEach(job -> attempts.merge(job.ticket(), exchange.attempts(), Integer::sum));
        if (exchange instanceof Exchange.Unanswered unanswered) {
            WriteOutcome outcome = outcomes.whole(unanswered.failure());
            chunk.forEach(job -> finish(job, outcome));
            return List.of();
        }
        List<WriteResponse> responses = ((Exchange.Answered) exchange).responses();
        if (responses.size() != chunk.size()) {
            WriteOutcome outcome = new WriteOutcome.Rejected(null, "BATCH_MISMATCH", "the $batch response had "
                    + responses.size() + " parts for " + chunk.size() + " requests", true);
            chunk.forEach(job -> finish(job, outcome));
            return List.of();
        }
        List<Retry> retries = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            Job job = chunk.get(i);
            Decision decision = outcomes.decide(job.write(), responses.get(i), attempts.get(job.ticket()));
            if (decision instanceof Decision.Retry retry) {
                retries.add(new Retry(job, retry.delay()));
            } else {
                finish(job, ((Decision.Final) decision).outcome());
            }
        }
        return retries;
    }

    private void finish(Job job, WriteOutcome outcome) {
        if (outcome instanceof WriteOutcome.Deferred) {
            waitingForToken = true;
        }
        done.add(new Done(job, outcome, attempts.getOrDefault(job.ticket(), 0)));
    }

    private static Exchange unanswered(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return new Exchange.Unanswered(new RequestFailure(FailureKind.TRANSIENT, 0, "",
                "request failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage()), 1);
    }
}
