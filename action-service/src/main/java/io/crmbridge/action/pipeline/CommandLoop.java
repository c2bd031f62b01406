package io.crmbridge.action.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import io.crmbridge.action.execution.Done;
import io.crmbridge.action.execution.ExecutingWrites;
import io.crmbridge.action.execution.Job;
import io.crmbridge.action.monitoring.ActionMetrics;
import io.crmbridge.action.parking.PausedPartitions;
import io.crmbridge.action.parking.WaitingCommands;
import io.crmbridge.action.parking.WaitingPass;
import io.crmbridge.action.parking.WaitingPasses;
import io.crmbridge.action.parking.WaitingRange;
import io.crmbridge.action.planning.Commit;
import io.crmbridge.action.planning.Fate;
import io.crmbridge.action.planning.Item;
import io.crmbridge.action.planning.Partition;
import io.crmbridge.action.planning.Plan;
import io.crmbridge.action.planning.Planning;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consume-execute-produce loop (read-process-write with Kafka transactions): polls commands and parked
 * commands, executes them, and produces their results, parked copies and dead letters in one transaction with the
 * consumed offsets, fenced by the consumer group's metadata. A failed transaction is aborted and the partitions are
 * rewound to their committed offsets, so every command gets exactly one result however often it was tried.
 * Parked commands wait in place in the waiting topic (see {@link WaitingRange}); when their connection is released
 * or their deadline passes, the loop reads their partition again from the first of them. What becomes of each
 * record is {@link Planning}'s decision; this loop does the Kafka side: polling, seeking, pausing, transactions.
 */
final class CommandLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CommandLoop.class);
    private static final Duration FAILURE_PAUSE = Duration.ofSeconds(1);

    private final PipelineSettings settings;
    private final KafkaClients clients;
    private final Planning planning;
    private final ExecutingWrites executing;
    private final OutputRecords outputs;
    private final ActionMetrics metrics;
    private final Clock clock;
    private final PausedPartitions paused = new PausedPartitions();
    private final WaitingPasses passes;
    private final Polling polling;
    private volatile boolean running = true;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;

    CommandLoop(PipelineSettings settings, KafkaClients clients, Planning planning, ExecutingWrites executing,
                OutputRecords outputs, ActionMetrics metrics, Clock clock) {
        this.settings = settings;
        this.clients = clients;
        this.planning = planning;
        this.executing = executing;
        this.outputs = outputs;
        this.metrics = metrics;
        this.clock = clock;
        this.polling = new Polling(settings, clock);
        this.passes = planning.passes();
    }

    @Override
    public void run() {
        consumer = clients.consumers().get();
        producer = clients.producers().get();
        producer.initTransactions();
        try {
            if (!coPartitioned()) {
                return;
            }
            consumer.subscribe(List.of(settings.topics().waiting(), settings.topics().commands()),
                    new Rebalancing(() -> consumer, settings.topics(), polling, paused, planning.waiting(), passes,
                            clients.inventory()));
            while (running) {
                turn();
            }
        } catch (RuntimeException e) {
            log.error("command loop stopped by an unexpected error; the service reports DOWN until it is restarted, "
                    + "and resumes from the last committed transaction", e);
            throw e;
        } finally {
            close();
        }
    }

    /** A command parks in the waiting partition numbered like its own: both topics need as many partitions. */
    private boolean coPartitioned() {
        int commands = consumer.partitionsFor(settings.topics().commands()).size();
        int parked = consumer.partitionsFor(settings.topics().waiting()).size();
        if (commands != parked) {
            log.error("{} has {} partitions but {} has {}: they must have as many; this loop does not start",
                    settings.topics().commands(), commands, settings.topics().waiting(), parked);
            return false;
        }
        return true;
    }

    /** Stops after the transaction in progress. */
    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** When the loop last polled: a loop stuck for long is unhealthy. */
    Instant lastPoll() {
        return polling.lastPoll();
    }

    WaitingCommands waiting() {
        return planning.waiting();
    }

    private void turn() {
        try {
            resumeWaitingPartitions();
            rescanReleasedConnections();
            Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> records = polling.poll(consumer);
            if (!records.isEmpty()) {
                metrics.transaction(() -> process(new ConsumedRecords(records, settings.topics().waiting())));
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (FencedInstanceIdException e) {
            log.error("another consumer took this loop's static group membership; is crmbridge.action.instance-id "
                    + "shared by two instances? stopping this loop: {}", e.toString());
            running = false;
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            log.warn("transactional producer fenced ({}); starting a new one and rewinding", e.toString());
            closeQuietly(producer);
            producer = clients.producers().get();
            producer.initTransactions();
            rewind();
        } catch (KafkaException e) {
            log.warn("transaction failed, aborting and rewinding to the committed offsets: {}", e.toString());
            abortQuietly();
            rewind();
            pauseAfterFailure();
        }
    }

    private Void process(ConsumedRecords records) {
        long start = System.nanoTime();
        Plan plan = planning.plan(records.byPartition());
        metrics.consumed(plan.size());
        List<Job> jobs = plan.jobs();
        planning.settle(plan, execute(jobs));
        commit(plan, records);
        planning.committed(plan);
        stopAtHeads(plan.stops());
        countCommitted(plan);
        log.debug("transaction of {} records ({} executed) committed in {} ms", plan.size(), jobs.size(),
                (System.nanoTime() - start) / 1_000_000);
        return null;
    }

    private List<Done> execute(List<Job> jobs) {
        try {
            return executing.execute(jobs).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            throw new KafkaException("interrupted while executing writes", e);
        } catch (ExecutionException e) {
            throw new KafkaException("executing writes failed", e.getCause());
        }
    }

    private void commit(Plan plan, ConsumedRecords records) {
        List<Item> kept = plan.kept();
        Map<Partition, Commit> offsets = plan.offsets();
        if (kept.isEmpty() && offsets.isEmpty()) {
            return;
        }
        producer.beginTransaction();
        for (Item item : kept) {
            outputs.of(item, records.source(item.consumed()), plan.now()).ifPresent(producer::send);
        }
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        offsets.forEach((partition, commit) -> positions.put(ConsumedRecords.kafka(partition),
                new OffsetAndMetadata(commit.offset(), commit.metadata())));
        producer.sendOffsetsToTransaction(positions, consumer.groupMetadata());
        producer.commitTransaction();
    }

    /** A waiting partition stopped for want of room in its offset metadata pauses at its first stopped record. */
    private void stopAtHeads(Map<Partition, Item> stops) {
        stops.forEach((partition, head) -> {
            TopicPartition stopped = ConsumedRecords.kafka(partition);
            consumer.seek(stopped, head.consumed().offset());
            consumer.pause(List.of(stopped));
            paused.paused(stopped, head.command().connection(), head.consumed().parkedAt());
        });
    }

    private void countCommitted(Plan plan) {
        for (Item item : plan.kept()) {
            Fate fate = item.fate();
            if (fate instanceof Fate.Answered answered) {
                metrics.result(answered.result().outcome(), item.command().requestedAt(), plan.now());
            } else if (fate instanceof Fate.DeadLettered) {
                metrics.deadLettered();
            } else if (fate instanceof Fate.Parked) {
                metrics.parked(1);
            }
        }
        metrics.waiting(planning.waiting().byConnection());
    }

    private void resumeWaitingPartitions() {
        Instant now = clock.instant();
        List<TopicPartition> resumable = new ArrayList<>(paused.resumable((connection, since) ->
                planning.canGoOn(connection, since, now)));
        resumable.retainAll(consumer.assignment());
        if (!resumable.isEmpty()) {
            consumer.resume(resumable);
        }
    }

    /**
     * A waiting connection that can go on now (released, or its oldest command is past the deadline) whose first
     * waiting record lies behind the read: read the partition again from there; what is done is skipped.
     */
    private void rescanReleasedConnections() {
        Instant now = clock.instant();
        passes.all().forEach((number, pass) -> {
            TopicPartition partition = new TopicPartition(settings.topics().waiting(), number);
            if (paused.contains(partition)) {
                return;
            }
            pass.rescanFrom(e -> planning.canGoOn(e.getKey(), e.getValue().since(), now)).ifPresent(from -> {
                consumer.seek(partition, from);
                pass.restart(from);
            });
        });
    }

    /** Back to the committed offsets: nothing of an aborted transaction counts. */
    private void rewind() {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(assigned);
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata offset = committed.get(partition);
            long position = offset != null ? offset.offset() : beginnings.get(partition);
            consumer.seek(partition, position);
            WaitingPass pass = partition.topic().equals(settings.topics().waiting())
                    ? passes.all().get(partition.partition()) : null;
            if (pass != null) {
                pass.restart(position);
            }
        }
    }

    /** Keeps a broker outage from turning into a busy loop of failing transactions. */
    private void pauseAfterFailure() {
        try {
            Thread.sleep(FAILURE_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (KafkaException | IllegalStateException e) {
            log.debug("nothing to abort: {}", e.toString());
        }
    }

    private void close() {
        closeQuietly(producer);
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (KafkaException e) {
            log.debug("closing the consumer: {}", e.toString());
        }
    }

    private static void closeQuietly(KafkaProducer<String, byte[]> producer) {
        try {
            producer.close(Duration.ofSeconds(5));
        } catch (KafkaException e) {
            log.debug("closing the producer: {}", e.toString());
        }
    }
}
