package io.crmbridge.local.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.events.ConnectionState;
import io.crmbridge.events.DecimalValue;
import io.crmbridge.events.WriteCommand;
import io.crmbridge.events.WriteOperation;
import io.crmbridge.events.WriteStatus;
import io.crmbridge.local.EventsOnABroker;
import io.crmbridge.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import static io.crmbridge.local.EventsOnABroker.accountCreated;
import static io.crmbridge.local.EventsOnABroker.record;
import static io.crmbridge.local.EventsOnABroker.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CliIT {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static EventsOnABroker kafka;

    @BeforeAll
    static void startBroker() {
        kafka = new EventsOnABroker("crm.changes.account", "crm.write-commands", "crm.write-results",
                "crm.connection-events");
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void tailPrintsACommittedRecordChangedAsOneJsonLine() {
        kafka.send(true, List.of(record("crm.changes.account",
                accountCreated("00000000-0000-0000-0000-0000000000a1", "Fabrikam"))));

        Run tail = run(null, "tail", "account", "--from-beginning", "--max", "1");

        assertThat(tail.exitCode).isZero();
        Map<String, Object> line = object(tail.out.strip());
        assertThat(line).containsEntry("connectionId", "contoso-app").containsEntry("entity", "account")
                .containsEntry("recordId", "00000000-0000-0000-0000-0000000000a1")
                .containsEntry("changeType", "CREATED").containsEntry("version", 4711)
                .containsEntry("changedAt", "2026-11-30T01:00:00Z")
                .containsEntry("attributes", Map.of("name", "Fabrikam"));
    }

    @Test
    void sendProducesTheCommandAndPrintsTheResultWithItsCommandId() throws Exception {
        String json = """
                {"commandId": "cmd-42", "connectionId": "contoso-app", "entity": "account", "operation": "update",
                 "targetId": "00000000-0000-0000-0000-0000000000c1",
                 "attributes": {"name": "Fabrikam", "revenue": {"decimal": "1000.50"}, "exchangerate": 1.5,
                                "numberofemployees": 40, "fax": null}}""";
        CompletableFuture<Run> send = CompletableFuture.supplyAsync(() -> run(json, "send", "-", "--timeout", "20"));

        ConsumerRecord<String, Object> command = firstCommand();
        // Another producer's result first: send must wait for its own commandId.
        kafka.send(true, List.of(record("crm.write-results", result("someone-else", WriteStatus.FAILED)),
                record("crm.write-results", result("cmd-42", WriteStatus.SUCCEEDED))));
        Run done = send.get();

        assertThat(command.key()).isEqualTo("contoso-app:account:00000000-0000-0000-0000-0000000000c1");
        WriteCommand sent = (WriteCommand) command.value();
        assertThat(sent.getCommandId()).isEqualTo("cmd-42");
        assertThat(sent.getOperation()).isEqualTo(WriteOperation.UPDATE);
        assertThat(sent.getTarget().getId()).isEqualTo("00000000-0000-0000-0000-0000000000c1");
        assertThat(sent.getAttributes()).containsEntry("name", "Fabrikam").containsEntry("exchangerate", 1.5)
                .containsEntry("revenue", DecimalValue.newBuilder().setValue("1000.50").build())
                .containsEntry("numberofemployees", 40).containsEntry("fax", null);
        assertThat(done.exitCode).isZero();
        String result = done.out.lines().reduce((first, last) -> last).orElseThrow();
        assertThat(object(result)).containsEntry("commandId", "cmd-42")
                .containsEntry("status", "SUCCEEDED");
    }

    @Test
    void sendExitsWithOneWhenTheResultNeverComes() {
        String json = """
                {"connectionId": "contoso-app", "entity": "account", "operation": "CREATE", "attributes": {}}""";

        Run send = run(json, "send", "-", "--timeout", "2");

        assertThat(send.exitCode).isEqualTo(Cli.FAILED);
        assertThat(send.err).contains("no result for command");
    }

    @Test
    void connectionsPrintsTheLatestStateOfEachConnection() {
        kafka.send(true, List.of(
                record("crm.connection-events", event("contoso-alice", ConnectionEventType.CONNECTED,
                        ConnectionState.ACTIVE)),
                record("crm.connection-events", event("contoso-app", ConnectionEventType.CONNECTED,
                        ConnectionState.ACTIVE))));
        kafka.send(true, List.of(record("crm.connection-events", event("contoso-alice",
                ConnectionEventType.TOKEN_EXPIRED, ConnectionState.EXPIRED))));

        Run connections = run(null, "connections");

        assertThat(connections.exitCode).isZero();
        assertThat(connections.out.lines().toList()).hasSize(2)
                .anySatisfy(l -> assertThat(l).startsWith("contoso-alice  EXPIRED  (TOKEN_EXPIRED"))
                .anySatisfy(l -> assertThat(l).startsWith("contoso-app  ACTIVE  (CONNECTED"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String json) {
        return JSON.readValue(json, Map.class);
    }

    private static ConnectionEvent event(String connection, ConnectionEventType type, ConnectionState state) {
        return ConnectionEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setConnectionId(connection)
                .setType(type).setState(state).setOccurredAt(Instant.now()).build();
    }

    private static ConsumerRecord<String, Object> firstCommand() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class);
        p.put("schema.registry.url", kafka.registryUrl());
        p.put("specific.avro.reader", true);
        List<ConsumerRecord<String, Object>> read = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of("crm.write-commands"));
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
                return read.stream().anyMatch(r -> ((WriteCommand) r.value()).getCommandId().equals("cmd-42"));
            });
        }
        return read.stream().filter(r -> ((WriteCommand) r.value()).getCommandId().equals("cmd-42")).findFirst()
                .orElseThrow();
    }

    private static Run run(String stdin, String... command) {
        List<String> args = new ArrayList<>(List.of("--bootstrap", kafka.bootstrapServers(),
                "--registry", kafka.registryUrl()));
        args.addAll(List.of(command));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = Cli.run(args.toArray(String[]::new),
                new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String out, String err) {
    }
}
