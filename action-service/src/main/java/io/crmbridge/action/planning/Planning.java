package io.crmbridge.action.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.crmbridge.action.parking.ParkingHeaders;
import io.crmbridge.action.parking.WaitingRange;
import io.crmbridge.action.parking.WaitingPasses;
import io.crmbridge.action.parking.WaitingPass;
import io.crmbridge.action.command.Command;
import io.crmbridge.action.command.CommandValidation;
import io.crmbridge.action.command.Validation;
import io.crmbridge.action.execution.Job;
import io.crmbridge.action.holding.ConnectionHolds;
import io.crmbridge.action.parking.HoldDeadline;
import io.crmbridge.action.parking.WaitingCommands;
import io.crmbridge.crm.connection.ConnectionId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides, record by record and in offset order, what happens to what one transaction consumed: unreadable bytes
 * are dead-lettered; commands of a held connection, or queued behind its parked ones, are parked; invalid ones
 * answered at once; the rest become jobs. A waiting partition's commands are replayed in order once their
 * connection can write again, or failed with TOKEN_EXPIRED once past their deadline; those of connections that
 * still cannot write stay where they are.
 */
final class Planning {

    private final CommandCodec codec;
    private final CommandValidation validation;
    private final ConnectionHolds holds;
    private final WaitingCommands waiting;
    private final HoldDeadline deadline;
    private final PipelineTopics topics;
    private final Clock clock;
    private final WaitingPasses passes;

    Planning(CommandCodec codec, CommandValidation validation, ConnectionHolds holds, WaitingCommands waiting,
             WaitingPasses passes, HoldDeadline deadline, PipelineTopics topics, Clock clock) {
        this.passes = passes;
        this.codec = codec;
        this.validation = validation;
        this.holds = holds;
        this.waiting = waiting;
        this.deadline = deadline;
        this.topics = topics;
        this.clock = clock;
    }

    /** The reads of the waiting partitions this planning skips done records with. */
    WaitingPasses passes() {
        return passes;
    }

    /** Plans the records; waiting partitions first, so a replayed command always precedes newer ones. */
    Plan plan(Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> byPartition) {
        Plan plan = new Plan(clock.instant());
        byPartition.forEach((partition, records) -> {
            if (partition.topic().equals(topics.waiting())) {
                replay(plan, partition, records);
            }
        });
        byPartition.forEach((partition, records) -> {
            if (!partition.topic().equals(topics.waiting())) {
                records.forEach(record -> plan.add(fresh(plan, record)));
            }
        });
        return plan;
    }

    private Item fresh(Plan plan, ConsumerRecord<String, byte[]> record) {
        Decoded decoded = codec.decode(record.topic(), record.value());
        if (decoded instanceof Decoded.Unreadable unreadable) {
            return Item.unreadable(record, unreadable.cause());
        }
        Command command = ((Decoded.Readable) decoded).command();
        ConnectionId connection = command.connection();
        Optional<String> held = holds.whyHeld(connection);
        if (held.isPresent()) {
            return parked(plan, record, command, held.get());
        }
        if (waiting.pending(record.partition(), connection, plan.changes())) {
            return parked(plan, record, command, "queued behind waiting commands of connection " + connection);
        }
        Validation validated = validation.validate(command);
        if (validated instanceof Validation.Undecided undecided && undecided.tokenProblem()) {
            holds.tokenRefused(connection);
            return parked(plan, record, command, undecided.reason());
        }
        return Item.fresh(record, command, decided(plan, record, command, validated));
    }

    /**
     * Replays a waiting partition's records in order, skipping those already done and those of connections
     * that still wait (they keep their place; see {@link WaitingRange}).
     */
    private void replay(Plan plan, TopicPartition partition, List<ConsumerRecord<String, byte[]>> records) {
        WaitingPass pass = passes.of(partition, records.get(0).offset());
        plan.reading(partition, pass);
        Set<ConnectionId> waitingNow = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            plan.seen(partition, record.offset());
            ConnectionId counted = ParkingHeaders.text(record.headers(), ParkingHeaders.CONNECTION)
                    .map(ConnectionId::of).orElse(null);
            if (pass.range().done(counted, record.offset()) || !pass.replays(counted)
                    || waitingNow.contains(counted)) {
                continue;
            }
            boolean trackable = counted != null && (pass.range().backlogs().containsKey(counted)
                    || pass.range().backlogs().size() + waitingNow.size() < WaitingRange.MAX_BACKLOGS);
            Item item = waitingItem(plan, record, counted, trackable);
            plan.add(item);
            if (item.fate() instanceof Fate.Stopped) {
                return;
            }
            if (item.fate() instanceof Fate.Waiting) {
                waitingNow.add(counted);
            }
        }
    }

    private Item waitingItem(Plan plan, ConsumerRecord<String, byte[]> record, ConnectionId counted,
                             boolean trackable) {
        Decoded decoded = codec.decode(record.topic(), record.value());
        if (decoded instanceof Decoded.Unreadable unreadable) {
            return Item.unreadableReplay(record, counted, unreadable.cause());
        }
        Command command = ((Decoded.Readable) decoded).command();
        Instant parkedAt = ParkingHeaders.parkedAt(record.headers(), record.timestamp());
        if (deadline.passed(parkedAt, plan.now())) {
            return Item.replayed(record, counted, command, new Fate.Answered(
                    Results.tokenExpired(command, parkedAt, deadline.maxWait(), plan.now())));
        }
        if (holds.isHeld(command.connection())) {
            return Item.replayed(record, counted, command, stillWaiting(trackable,
                    "connection still held"));
        }
        Validation validated = validation.validate(command);
        if (validated instanceof Validation.Undecided undecided && undecided.tokenProblem()) {
            holds.tokenRefused(command.connection());
            return Item.replayed(record, counted, command, stillWaiting(trackable,
                    undecided.reason()));
        }
        return Item.replayed(record, counted, command, decided(plan, record, command, validated));
    }

    /** Waits in place, unless the partition cannot name one more waiting connection in its offset metadata. */
    private static Fate stillWaiting(boolean trackable, String reason) {
        return trackable ? new Fate.Waiting(reason) : new Fate.Stopped(reason);
    }

    private static Fate decided(Plan plan, ConsumerRecord<String, byte[]> record, Command command,
                                Validation validated) {
        if (validated instanceof Validation.Invalid invalid) {
            return new Fate.Answered(Results.invalid(command, invalid.problem(), plan.now()));
        }
        if (validated instanceof Validation.Undecided undecided) {
            return new Fate.Answered(Results.metadataUnavailable(command, undecided.reason(), plan.now()));
        }
        return new Fate.Executing(new Job(plan.nextTicket(), ((Validation.Valid) validated).write(),
                orderingKey(record, command)));
    }

    private Item parked(Plan plan, ConsumerRecord<String, byte[]> record, Command command, String reason) {
        plan.changes().parked(record.partition(), command.connection());
        return Item.fresh(record, command, new Fate.Parked(reason));
    }

    /** The record key names the row ({@code connectionId:entity:recordKey}); without one, the command is alone. */
    private static String orderingKey(ConsumerRecord<String, byte[]> record, Command command) {
        return record.key() != null ? record.key() : command.connection() + ":" + command.entity() + ":"
                + command.commandId();
    }
}
