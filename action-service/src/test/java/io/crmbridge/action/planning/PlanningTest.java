package io.crmbridge.action.planning;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.action.parking.WaitingRange;
import io.crmbridge.action.parking.WaitingPass;
import io.crmbridge.action.command.Command;
import io.crmbridge.action.command.CommandValidation;
import io.crmbridge.action.command.Commands;
import io.crmbridge.action.execution.Done;
import io.crmbridge.action.execution.WriteOutcome;
import io.crmbridge.action.holding.ConnectionHolds;
import io.crmbridge.action.parking.HoldDeadline;
import io.crmbridge.action.parking.WaitingCommands;
import io.crmbridge.action.table.InMemoryTables;
import io.crmbridge.crm.connection.ConnectionId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlanningTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final ConnectionId A = ConnectionId.of("conn-a");
    private static final ConnectionId B = ConnectionId.of("conn-b");
    private static final Partition WAITING_1 = new Partition("cmd.waiting", 1);

    private final Map<String, Command> commands = new HashMap<>();
    private final ConnectionHolds holds = new ConnectionHolds();
    private final WaitingCommands waiting = new WaitingCommands();
    private final Planning planning = new Planning(new CommandCodec() {
        @Override
        public Decoded decode(String topic, byte[] value) {
            Command command = commands.get(new String(value, StandardCharsets.UTF_8));
            return command != null ? new Decoded.Readable(command)
                    : new Decoded.Unreadable(new IllegalArgumentException("not a command"));
        }

        @Override
        public byte[] encode(String topic, Result result) {
            return new byte[0];
        }
    }, new CommandValidation(InMemoryTables.standard(), 10_000), holds, waiting,
            new HoldDeadline(Duration.ofHours(1)), "cmd.waiting", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void executesValidCommandsAnswersInvalidOnesAndDeadLettersUnreadableBytes() {
        Plan plan = planning.plan(records(fresh(0, 0, "a-1", Commands.update()),
                fresh(0, 1, "a-2", Commands.update().entity("spaceship")), garbage(0, 2)));

        assertThat(fates(plan)).containsExactly(Fate.Executing.class, Fate.Answered.class, Fate.DeadLettered.class);
        assertThat(plan.offsets()).containsEntry(new Partition("cmd", 0), new Commit(3, null));
    }

    @Test
    void parksAHeldConnectionsCommandsAndQueuesItsLaterOnesBehindThem() {
        holds.availability().tokenExpired(A);
        Plan plan = planning.plan(records(fresh(0, 0, "a-1", Commands.update()),
                fresh(0, 1, "b-1", Commands.update().connection("conn-b"))));
        waiting.apply(plan.waitingChanges());
        holds.availability().tokenWorks(A);
        Plan next = planning.plan(records(fresh(0, 2, "a-2", Commands.update())));

        assertThat(fates(plan)).containsExactly(Fate.Parked.class, Fate.Executing.class);
        assertThat(waiting.has(0, A)).isTrue();
        assertThat(waiting.has(0, B)).isFalse();
        assertThat(fates(next)).as("queued behind the parked one").containsExactly(Fate.Parked.class);
    }

    @Test
    void replaysAWaitingPartitionPastAConnectionThatStillWaitsAndKeepsItsPlace() {
        holds.availability().tokenExpired(B);
        Plan plan = planning.plan(records(parked(1, 10, "a-1", Commands.update(), NOW),
                parked(1, 11, "b-1", Commands.update().connection("conn-b"), NOW),
                parked(1, 12, "a-2", Commands.update(), NOW),
                parked(1, 13, "b-2", Commands.update().connection("conn-b"), NOW)));

        assertThat(fates(plan)).containsExactly(Fate.Executing.class, Fate.Executing.class);
        WaitingRange next = plan.ranges().get(WAITING_1).range();
        assertThat(next.scanned()).isEqualTo(14);
        assertThat(next.backlogs()).containsOnlyKeys(B);
        assertThat(next.backlogs().get(B).from()).isEqualTo(11);
        assertThat(plan.offsets().get(WAITING_1).offset()).isEqualTo(11);
        assertThat(WaitingRange.of(plan.offsets().get(WAITING_1).offset(), plan.offsets().get(WAITING_1).metadata()))
                .isEqualTo(next);
    }

    @Test
    void replaysAReleasedConnectionInOrderAndSkipsWhatIsDone() {
        holds.availability().tokenExpired(B);
        Plan first = planning.plan(records(parked(1, 10, "a-1", Commands.update(), NOW),
                parked(1, 11, "b-1", Commands.update().connection("conn-b"), NOW),
                parked(1, 12, "a-2", Commands.update(), NOW)));
        planning.committed(first);
        holds.availability().tokenWorks(B);
        WaitingPass pass = planning.passes().of(WAITING_1.number(), 0);
        assertThat(pass.rescanFrom(e -> !holds.isHeld(e.getKey()))).contains(11L);
        pass.restart(11);

        Plan again = planning.plan(records(parked(1, 11, "b-1", Commands.update().connection("conn-b"), NOW),
                parked(1, 12, "a-2", Commands.update(), NOW),
                parked(1, 13, "b-2", Commands.update().connection("conn-b"), NOW)));

        assertThat(again.kept()).extracting(item -> item.consumed().offset()).containsExactly(11L, 13L);
        assertThat(again.ranges().get(WAITING_1).range()).isEqualTo(WaitingRange.startingAt(14));
    }

    @Test
    void stopsTheWaitingPartitionWhenItCannotNameOneMoreWaitingConnection() {
        Map<ConnectionId, WaitingRange.Backlog> full = new HashMap<>();
        for (int i = 0; i < WaitingRange.MAX_BACKLOGS; i++) {
            full.put(ConnectionId.of("held-" + i), new WaitingRange.Backlog(1, NOW));
        }
        planning.passes().assigned(WAITING_1.number(), new WaitingRange(10, full));
        holds.availability().tokenExpired(B);

        Plan plan = planning.plan(records(parked(1, 10, "a-1", Commands.update(), NOW),
                parked(1, 11, "b-1", Commands.update().connection("conn-b"), NOW),
                parked(1, 12, "a-2", Commands.update(), NOW)));

        assertThat(fates(plan)).containsExactly(Fate.Executing.class);
        assertThat(plan.stops().get(WAITING_1).consumed().offset()).isEqualTo(11);
        assertThat(plan.ranges().get(WAITING_1).range().scanned()).isEqualTo(11);
    }

    @Test
    void failsAWaitingCommandPastItsDeadlineWithTokenExpired() {
        holds.availability().tokenExpired(A);
        Plan plan = planning.plan(records(parked(1, 5, "a-1", Commands.update(), NOW.minus(Duration.ofHours(2)))));

        Result result = ((Fate.Answered) plan.kept().get(0).fate()).result();
        assertThat(result.outcome()).isInstanceOf(WriteOutcome.Rejected.class)
                .extracting(outcome -> ((WriteOutcome.Rejected) outcome).code()).isEqualTo("TOKEN_EXPIRED");
    }

    @Test
    void parksANewCommandWhoseTokenWasRefusedAndLeavesAReplayedOneWaitingWithWhatFollowedOfItsConnection() {
        Plan plan = planning.plan(records(parked(1, 7, "a-1", Commands.update(), NOW),
                parked(1, 8, "b-1", Commands.update().connection("conn-b"), NOW),
                parked(1, 9, "a-2", Commands.update().commandId("a-2"), NOW),
                fresh(2, 3, "a-9", Commands.update().commandId("fresh"))));
        List<Done> done = plan.jobs().stream().map(job -> new Done(job, job.connection().equals(A)
                && !job.write().command().commandId().equals("a-2") ? new WriteOutcome.Deferred("401")
                : new WriteOutcome.Written(null, 204), 1)).toList();

        plan.settle(done, holds);

        assertThat(holds.isHeld(A)).isTrue();
        assertThat(plan.kept()).as("a-2 was written after a-1 failed: it must be written again, after a-1")
                .extracting(item -> item.consumed().offset()).containsExactly(8L, 3L);
        assertThat(fates(plan)).containsExactly(Fate.Answered.class, Fate.Parked.class);
        assertThat(plan.offsets()).containsEntry(new Partition("cmd", 2), new Commit(4, null));
        assertThat(plan.offsets().get(WAITING_1).offset()).isEqualTo(7);
        assertThat(plan.ranges().get(WAITING_1).range().backlogs()).containsOnlyKeys(A);
    }

    private List<Class<?>> fates(Plan plan) {
        return plan.kept().stream().<Class<?>>map(item -> item.fate().getClass()).toList();
    }

    private Consumed fresh(int partition, long offset, String name, Commands command) {
        commands.put(name, command.build());
        return Consumed.command(new Partition("cmd", partition), offset, "key-" + name, bytes(name));
    }

    private Consumed parked(int partition, long offset, String name, Commands command, Instant parkedAt) {
        Command built = command.build();
        commands.put(name, built);
        return Consumed.parked(new Partition("cmd.waiting", partition), offset, "key-" + name, bytes(name),
                built.connection(), parkedAt);
    }

    private static Consumed garbage(int partition, long offset) {
        return Consumed.command(new Partition("cmd", partition), offset, "key-garbage", bytes("garbage"));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<Partition, List<Consumed>> records(Consumed... records) {
        Map<Partition, List<Consumed>> byPartition = new LinkedHashMap<>();
        for (Consumed record : records) {
            byPartition.computeIfAbsent(record.partition(), p -> new java.util.ArrayList<>()).add(record);
        }
        return byPartition;
    }
}
