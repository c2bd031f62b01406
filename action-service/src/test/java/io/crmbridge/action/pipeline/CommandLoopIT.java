package io.crmbridge.action.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.crmbridge.action.command.CommandValidation;
import io.crmbridge.action.events.AvroCommandCodec;
import io.crmbridge.action.execution.ExecutingWrites;
import io.crmbridge.action.execution.ExecutionSettings;
import io.crmbridge.action.execution.Exchange;
import io.crmbridge.action.execution.FakeDataverse;
import io.crmbridge.action.execution.RequestFailure;
import io.crmbridge.action.execution.WriteRequest;
import io.crmbridge.action.holding.ConnectionHolds;
import io.crmbridge.action.parking.HoldDeadline;
import io.crmbridge.action.parking.WaitingCommands;
import io.crmbridge.action.planning.Planning;
import io.crmbridge.action.monitoring.ActionMetrics;
import io.crmbridge.action.table.InMemoryTables;
import io.crmbridge.action.testing.AvroCommands;
import io.crmbridge.action.testing.CommandTopics;
import io.crmbridge.action.testing.ShiftedClock;
import io.crmbridge.action.testing.TestBroker;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.failure.FailureClassification;
import io.crmbridge.crm.failure.FailureKind;
import io.crmbridge.crm.failure.RetrySettings;
import io.crmbridge.events.WriteResult;
import io.crmbridge.events.WriteStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command loop on a real broker with Dataverse faked in memory: transactions, dead letters, invalid
 * commands, held connections parked and replayed in order, deadlines, tokens refused.
 */
class CommandLoopIT {

    private static final Duration DEADLINE = Duration.ofHours(1);
    private static final String REGISTRY = "mock://command-loop-it";

    private static TestBroker broker;
    private static CommandTopics topics;
    private static PipelineTopics names;
    private static final FakeDataverse dataverse = new FakeDataverse();
    private static final ConnectionHolds holds = new ConnectionHolds();
    private static final ShiftedClock clock = new ShiftedClock();
    private static CommandLoop loop;
    private static Thread thread;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(3);
        String commands = broker.topics().writeCommands().name();
        names = new PipelineTopics(commands, commands + ".waiting", broker.topics().writeResults().name(),
                broker.topics().writeCommandsDlt().name());
        topics = new CommandTopics(broker.servers(), commands, REGISTRY);
        loop = loop();
        thread = new Thread(loop, "command-loop-it");
        thread.start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        loop.stop();
        thread.join(10_000);
        topics.close();
        broker.close();
    }

    @Test
    void answersEveryCommandExactlyOnce() {
        IntStream.range(0, 40).forEach(i -> topics.send("row-" + (i % 7), AvroCommands.create("ok-" + i, "c-ok",
                "account", Map.of("name", "Account " + i))));

        await().atMost(Duration.ofSeconds(30)).until(() -> results("ok-").size() == 40);
        assertThat(results("ok-")).allMatch(result -> result.getStatus() == WriteStatus.SUCCEEDED)
                .extracting(WriteResult::getCommandId).doesNotHaveDuplicates();
        assertThat(results("ok-")).allMatch(result -> result.getAttempts() == 1
                && result.getHeaders().get("traceparent").equals("00-" + result.getCommandId()));
    }

    @Test
    void deadLettersUnreadableBytesWithTheReasonAndKeepsConsuming() {
        topics.sendBytes("c-dlt:account:x", "not avro".getBytes(StandardCharsets.UTF_8));
        topics.send("after", AvroCommands.create("dlt-after", "c-dlt", "account", Map.of("name", "still here")));

        await().atMost(Duration.ofSeconds(30)).until(() -> results("dlt-after").size() == 1);
        ConsumerRecord<String, byte[]> dead = topics.records(names.deadLetters()).stream()
                .filter(record -> "c-dlt:account:x".equals(record.key())).findFirst().orElseThrow();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
        assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(names.commands());
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNotBlank();
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_FQCN)).endsWith("SerializationException");
    }

    @Test
    void answersAnInvalidCommandWithInvalidCommandAndKeepsConsuming() {
        topics.send("bad", AvroCommands.create("invalid-1", "c-invalid", "spaceship", Map.of("name", "x")));
        topics.send("bad", AvroCommands.update("invalid-2", "c-invalid", "account", "not-a-guid", Map.of()));
        topics.send("good", AvroCommands.create("invalid-3", "c-invalid", "account", Map.of("name", "fine")));

        await().atMost(Duration.ofSeconds(30)).until(() -> results("invalid-").size() == 3);
        Map<String, WriteResult> byId = byCommandId(results("invalid-"));
        assertThat(byId.get("invalid-1").getErrorCode()).isEqualTo("INVALID_COMMAND");
        assertThat(byId.get("invalid-1").getErrorMessage()).isEqualTo("unknown entity 'spaceship'");
        assertThat(byId.get("invalid-1").getRetryable()).isFalse();
        assertThat(byId.get("invalid-2").getErrorMessage()).contains("bad id");
        assertThat(byId.get("invalid-3").getStatus()).isEqualTo(WriteStatus.SUCCEEDED);
    }

    @Test
    void holdsOnlyTheConnectionWithoutTokenAndReplaysItsCommandsInOrderOnRelease() {
        ConnectionId held = ConnectionId.of("c-held");
        holds.availability().tokenExpired(held);
        for (String step : List.of("first", "second", "third")) {
            topics.send("row-1", AvroCommands.update("held-" + step, "c-held", "account",
                    "3f2b7c1e-1111-4a2b-9c3d-000000000001", Map.of("name", step)));
        }
        topics.send("row-1", AvroCommands.create("free-1", "c-free", "account", Map.of("name", "flows")));

        await().atMost(Duration.ofSeconds(30)).until(() -> results("free-1").size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> topics.records(names.waiting()).stream()
                .filter(record -> record.key().startsWith("c-held:")).count() == 3);
        assertThat(results("held-")).isEmpty();
        assertThat(dataverse.requests(held)).isEmpty();

        holds.availability().tokenWorks(held);

        await().atMost(Duration.ofSeconds(30)).until(() -> results("held-").size() == 3);
        assertThat(results("held-")).allMatch(result -> result.getStatus() == WriteStatus.SUCCEEDED);
        assertThat(dataverse.requests(held)).extracting(WriteRequest::body).containsExactly(
                "{\"name\":\"first\"}", "{\"name\":\"second\"}", "{\"name\":\"third\"}");
    }

    @Test
    void replaysAReleasedConnectionPastAnotherThatStillWaits() {
        ConnectionId stuck = ConnectionId.of("c-stuck");
        ConnectionId back = ConnectionId.of("c-back");
        holds.availability().tokenExpired(stuck);
        holds.availability().tokenExpired(back);
        // Both rows in one partition, the stuck connection's commands first: they park ahead of the others.
        String backRow = IntStream.range(0, 100).mapToObj(i -> "row-" + i)
                .filter(row -> partition("c-back:account:" + row) == partition("c-stuck:account:row-1"))
                .findFirst().orElseThrow();
        for (String step : List.of("one", "two", "three")) {
            topics.send("row-1", AvroCommands.update("stuck-" + step, "c-stuck", "account",
                    "3f2b7c1e-1111-4a2b-9c3d-000000000001", Map.of("name", step)));
            topics.send(backRow, AvroCommands.update("back-" + step, "c-back", "account",
                    "3f2b7c1e-1111-4a2b-9c3d-000000000001", Map.of("name", step)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> topics.records(names.waiting()).stream()
                .filter(record -> record.key().startsWith("c-stuck:") || record.key().startsWith("c-back:"))
                .count() == 6);

        holds.availability().tokenWorks(back);

        await().atMost(Duration.ofSeconds(30)).until(() -> results("back-").size() == 3);
        assertThat(dataverse.requests(back)).extracting(WriteRequest::body).containsExactly(
                "{\"name\":\"one\"}", "{\"name\":\"two\"}", "{\"name\":\"three\"}");
        assertThat(results("stuck-")).isEmpty();

        holds.availability().tokenWorks(stuck);

        await().atMost(Duration.ofSeconds(30)).until(() -> results("stuck-").size() == 3);
        assertThat(dataverse.requests(stuck)).extracting(WriteRequest::body).containsExactly(
                "{\"name\":\"one\"}", "{\"name\":\"two\"}", "{\"name\":\"three\"}");
        assertThat(results("back-")).hasSize(3);
    }

    @Test
    void failsWaitingCommandsWithTokenExpiredOnceTheDeadlinePasses() {
        holds.availability().tokenExpired(ConnectionId.of("c-expired"));
        topics.send("row-1", AvroCommands.create("expired-1", "c-expired", "account", Map.of("name", "late")));
        await().atMost(Duration.ofSeconds(30)).until(() -> topics.records(names.waiting()).stream()
                .anyMatch(record -> record.key().startsWith("c-expired:")));
        assertThat(results("expired-")).isEmpty();

        clock.advance(DEADLINE.plusMinutes(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> results("expired-").size() == 1);
        WriteResult result = results("expired-").get(0);
        assertThat(result.getStatus()).isEqualTo(WriteStatus.FAILED);
        assertThat(result.getErrorCode()).isEqualTo("TOKEN_EXPIRED");
        assertThat(result.getRetryable()).isTrue();
    }

    @Test
    void parksCommandsWhoseTokenWasRefusedUntilANewerTokenArrives() {
        ConnectionId refused = ConnectionId.of("c-401");
        dataverse.failAll(refused, new Exchange.Unanswered(new RequestFailure(FailureKind.UNAUTHORIZED, 401, "",
                "no newer token within 30s"), 2));
        topics.send("row-1", AvroCommands.update("refused-1", "c-401", "account",
                "3f2b7c1e-1111-4a2b-9c3d-000000000001", Map.of("name", "one")));
        topics.send("row-1", AvroCommands.update("refused-2", "c-401", "account",
                "3f2b7c1e-1111-4a2b-9c3d-000000000001", Map.of("name", "two")));
        await().atMost(Duration.ofSeconds(30)).until(() -> holds.isHeld(refused) && topics.records(names.waiting())
                .stream().filter(record -> record.key().startsWith("c-401:")).count() == 2);
        assertThat(results("refused-")).isEmpty();

        dataverse.heal(refused);
        holds.availability().grantArrived(refused);

        await().atMost(Duration.ofSeconds(30)).until(() -> results("refused-").size() == 2);
        assertThat(dataverse.requests(refused)).extracting(WriteRequest::body)
                .containsExactly("{\"name\":\"one\"}", "{\"name\":\"two\"}");
    }

    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 3;
    }

    private static List<WriteResult> results(String commandPrefix) {
        return topics.results(names.results()).stream()
                .filter(result -> result.getCommandId().startsWith(commandPrefix)).toList();
    }

    private static Map<String, WriteResult> byCommandId(List<WriteResult> results) {
        return results.stream().collect(Collectors.toMap(WriteResult::getCommandId, Function.identity()));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static CommandLoop loop() {
        Map<String, Object> base = Map.of("bootstrap.servers", broker.servers(), "schema.registry.url", REGISTRY);
        Map<String, Object> consumer = KafkaClients.consumer(base, "command-loop-it", "command-loop-it-0", 500);
        AvroCommandCodec codec = new AvroCommandCodec(base);
        InMemoryTables tables = InMemoryTables.standard();
        PipelineSettings settings = new PipelineSettings(names, 500, Duration.ofMillis(10), Duration.ofMillis(100),
                new HoldDeadline(DEADLINE));
        Planning planning = new Planning(codec, new CommandValidation(tables, 100_000), holds, new WaitingCommands(),
                settings.holdDeadline(), names.waiting(), clock);
        ExecutingWrites executing = new ExecutingWrites(dataverse, new FailureClassification(RetrySettings.defaults()
                .withBackoff(Duration.ZERO, Duration.ZERO)), new ExecutionSettings(true, 10, 3, 4));
        return new CommandLoop(settings, KafkaClients.of(consumer, KafkaClients.producer(base, "command-loop-it-0")),
                planning, executing, new OutputRecords(names, "command-loop-it", codec),
                new ActionMetrics(new SimpleMeterRegistry(), holds), clock);
    }
}
