package io.crmbridge.action.planning;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.crmbridge.action.parking.WaitingRange;
import io.crmbridge.action.parking.WaitingPasses;
import io.crmbridge.action.parking.WaitingPass;
import io.crmbridge.action.command.Command;
import io.crmbridge.action.command.CommandValidation;
import io.crmbridge.action.command.Validation;
import io.crmbridge.action.execution.Done;
import io.crmbridge.action.execution.Job;
import io.crmbridge.action.holding.ConnectionHolds;
import io.crmbridge.action.parking.HoldDeadline;
import io.crmbridge.action.parking.WaitingCommands;
import io.crmbridge.crm.connection.ConnectionId;

/**
 * Decides, record by record and in offset order, what happens to what one transaction consumed: unreadable bytes
 * are dead-lettered; commands of a held connection, or queued behind its parked ones, are parked; invalid ones
 * answered at once; the rest become jobs. A waiting partition's commands are replayed in order once their
 * connection can write again, or failed with TOKEN_EXPIRED once past their deadline; those of connections that
 * still cannot write stay where they are.
 */
public final class Planning {

    private final CommandCodec codec;
    private final CommandValidation validation;
    private final ConnectionHolds holds;
    private final WaitingCommands waiting;
    private final HoldDeadline deadline;
    private final String waitingTopic;
    private final Clock clock;
    private final WaitingPasses passes = new WaitingPasses();

    /**
     * @param holds        which connections cannot write now (shared by all loops)
     * @param waiting      what waits in this loop's waiting partitions
     * @param waitingTopic the topic parked commands wait in; records of any other topic are fresh commands
     */
    public Planning(CommandCodec codec, CommandValidation validation, ConnectionHolds holds, WaitingCommands waiting,
                    HoldDeadline deadline, String waitingTopic, Clock clock) {
        this.codec = codec;
        this.validation = validation;
        this.holds = holds;
        this.waiting = waiting;
        this.deadline = deadline;
        this.waitingTopic = waitingTopic;
        this.clock = clock;
    }

    /** The reads of the waiting partitions this planning skips done records with. */
    public WaitingPasses passes() {
        return passes;
    }

    /** What waits in this loop's waiting partitions. */
    public WaitingCommands waiting() {
        return waiting;
    }

    /**
     * Whether commands of {@code connection} parked at {@code since} can go on now: it is released, or they are
     * past their deadline (and fail with TOKEN_EXPIRED).
     */
    public boolean canGoOn(ConnectionId connection, Instant since, Instant now) {
        return !holds.isHeld(connection) || deadline.passed(since, now);
    }

    /** Plans the records; waiting partitions first, so a replayed command always precedes newer ones. */
    public Plan plan(Map<Partition, List<Consumed>> byPartition) {
        Plan plan = new Plan(clock.instant());
        byPartition.forEach((partition, records) -> {
            if (partition.topic().equals(waitingTopic)) {
                replay(plan, partition, records);
            }
        });
        byPartition.forEach((partition, records) -> {
            if (!partition.topic().equals(waitingTopic)) {
                records.forEach(record -> plan.add(fresh(plan, record)));
            }
        });
        return plan;
    }

    /** Turns the executed jobs' outcomes into fates (see {@link Plan#settle}). */
    public void settle(Plan plan, List<Done> done) {
        plan.settle(done, holds);
    }

    /** What waits, and how far each waiting partition has been read, once {@code plan} has committed. */
    public void committed(Plan plan) {
        waiting.apply(plan.waitingChanges());
        plan.ranges().forEach((partition, next) -> passes.of(partition.number(), next.range().scanned())
                .advance(next.range(), next.open()));
    }

    private Item fresh(Plan plan, Consumed record) {
        Decoded decoded = codec.decode(record.partition().topic(), record.value());
        if (decoded instanceof Decoded.Unreadable unreadable) {
            return Item.unreadable(record, unreadable.cause());
        }
        Command command = ((Decoded.Readable) decoded).command();
        ConnectionId connection = command.connection();
        Optional<String> held = holds.whyHeld(connection);
        if (held.isPresent()) {
            return parked(plan, record, command, held.get());
        }
        if (waiting.pending(record.partition().number(), connection, plan.changes())) {
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
    private void replay(Plan plan, Partition partition, List<Consumed> records) {
        WaitingPass pass = passes.of(partition.number(), records.get(0).offset());
        plan.reading(partition, pass);
        Set<ConnectionId> waitingNow = new HashSet<>();
        for (Consumed record : records) {
            plan.seen(partition, record.offset());
            ConnectionId counted = record.countedFor();
            if (pass.range().done(counted, record.offset()) || !pass.replays(counted)
                    || waitingNow.contains(counted)) {
                continue;
            }
            boolean trackable = counted != null && (pass.range().backlogs().containsKey(counted)
                    || pass.range().backlogs().size() + waitingNow.size() < WaitingRange.MAX_BACKLOGS);
            Item item = waitingItem(plan, record, trackable);
            plan.add(item);
            if (item.fate() instanceof Fate.Stopped) {
                return;
            }
            if (item.fate() instanceof Fate.Waiting) {
                waitingNow.add(counted);
            }
        }
    }

    private Item waitingItem(Plan plan, Consumed record, boolean trackable) {
        Decoded decoded = codec.decode(record.partition().topic(), record.value());
        if (decoded instanceof Decoded.Unreadable unreadable) {
            return Item.unreadableReplay(record, unreadable.cause());
        }
        Command command = ((Decoded.Readable) decoded).command();
        Instant parkedAt = record.parkedAt();
        if (deadline.passed(parkedAt, plan.now())) {
            return Item.replayed(record, command, new Fate.Answered(
                    Results.tokenExpired(command, parkedAt, deadline.maxWait(), plan.now())));
        }
        if (holds.isHeld(command.connection())) {
            return Item.replayed(record, command, stillWaiting(trackable, "connection still held"));
        }
        Validation validated = validation.validate(command);
        if (validated instanceof Validation.Undecided undecided && undecided.tokenProblem()) {
            holds.tokenRefused(command.connection());
            return Item.replayed(record, command, stillWaiting(trackable, undecided.reason()));
        }
        return Item.replayed(record, command, decided(plan, record, command, validated));
    }

    /** Waits in place, unless the partition cannot name one more waiting connection in its offset metadata. */
    private static Fate stillWaiting(boolean trackable, String reason) {
        return trackable ? new Fate.Waiting(reason) : new Fate.Stopped(reason);
    }

    private static Fate decided(Plan plan, Consumed record, Command command,
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

    private Item parked(Plan plan, Consumed record, Command command, String reason) {
        plan.changes().parked(record.partition().number(), command.connection());
        return Item.fresh(record, command, new Fate.Parked(reason));
    }

    /** The record key names the row ({@code connectionId:entity:recordKey}); without one, the command is alone. */
    private static String orderingKey(Consumed record, Command command) {
        return record.key() != null ? record.key() : command.connection() + ":" + command.entity() + ":"
                + command.commandId();
    }
}
