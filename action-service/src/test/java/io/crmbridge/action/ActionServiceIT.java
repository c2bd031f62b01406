package io.crmbridge.action;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.crmbridge.action.command.DeterministicIds;
import io.crmbridge.action.testing.AvroCommands;
import io.crmbridge.action.testing.CommandTopics;
import io.crmbridge.action.testing.Fixtures;
import io.crmbridge.action.testing.TestBroker;
import io.crmbridge.action.testing.TokenService;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.events.ConnectionState;
import io.crmbridge.events.DateTimeValue;
import io.crmbridge.events.DecimalValue;
import io.crmbridge.events.OptionSetValue;
import io.crmbridge.events.WriteOperation;
import io.crmbridge.events.WriteResult;
import io.crmbridge.events.WriteStatus;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.SandboxTls;
import io.crmbridge.sandbox.admin.Fault;
import io.crmbridge.sandbox.admin.FaultRule;
import io.crmbridge.sandbox.admin.RequestCounts;
import io.crmbridge.sandbox.dataverse.Org;
import io.crmbridge.sandbox.dataverse.ServiceProtectionLimits;
import io.crmbridge.sandbox.dataverse.Table;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The action service end to end: commands on a real broker, written to the sandbox's Dataverse over HTTPS, one
 * result per command read with read_committed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + ActionServiceApplication.CONFIG_NAME)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ActionServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    @RegisterExtension
    static final Fixtures fixtures = new Fixtures();
    private static final TestBroker broker = fixtures.add(TestBroker.start(3));
    private static final Sandbox sandbox = fixtures.add(Sandbox.start(SandboxSettings.defaults()));
    private static final String REGISTRY = sandbox.registryUrl().toString();
    private static final CommandTopics topics = fixtures.add(new CommandTopics(broker.servers(),
            broker.topics().writeCommands().name(), REGISTRY));
    private static final TokenService tokenService = fixtures.add(new TokenService(broker.servers(),
            broker.topics(), REGISTRY));

    static {
        for (String org : List.of("contoso", "fabrikam", "renewing", "throttled")) {
            String url = sandbox.dataverse().org(org).url();
            tokenService.grant(org, url, 1, org.equals("renewing")
                    ? sandbox.appAccessToken(sandbox.dataverse().org("contoso").url()) : sandbox.appAccessToken(url));
        }
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) {
        properties.add("spring.kafka.bootstrap-servers", broker::servers);
        properties.add("spring.kafka.properties.schema.registry.url", () -> REGISTRY);
        properties.add("crmbridge.topics.partitions", () -> 3);
        properties.add("crmbridge.token-encryption.active-key-id", () -> TokenService.KEY_ID);
        properties.add("crmbridge.token-encryption.keys." + TokenService.KEY_ID, () -> TokenService.KEY);
        properties.add("crmbridge.dataverse.trust-store", () -> SandboxTls.trustStoreFile().toString());
        properties.add("crmbridge.dataverse.trust-store-password", () -> SandboxTls.STORE_PASSWORD);
        properties.add("crmbridge.dataverse.token-wait", () -> "10s");
        properties.add("crmbridge.dataverse.backoff-unit", () -> "200ms");
        properties.add("crmbridge.dataverse.initial-rate", () -> 100);
        properties.add("crmbridge.action.instance-id", () -> "action-it");
        properties.add("crmbridge.action.batch-size", () -> 10);
        properties.add("crmbridge.action.max-command-bytes", () -> 20_000);
    }

    @Test
    void appliesEveryOperationToTheSandboxWithOneSucceededResultEach() {
        Table accounts = table("contoso", "account");
        Table contacts = table("contoso", "contact");
        UUID contactId = UUID.randomUUID();
        UUID derived = DeterministicIds.forCommand("ops-create-account");
        UUID doomed = accounts.create(Map.of("name", "To be deleted"));
        topics.send("a1", AvroCommands.create("ops-create-account", "contoso", "account", Map.of(
                "name", "Contoso Ltd", "revenue", new DecimalValue("1234.5"), "numberofemployees", 42,
                "creditonhold", true, "industrycode", new OptionSetValue(3, null),
                "lastusedincampaign", new DateTimeValue(Instant.parse("2026-02-03T04:05:06Z")))));
        topics.send("c1", AvroCommands.createWithId("ops-create-contact", "contoso", "contact", contactId.toString(),
                Map.of("firstname", "Ada", "lastname", "Lovelace")));
        await().atMost(WAIT).until(() -> results("ops-create-").size() == 2);

        topics.send("a1", AvroCommands.update("ops-update", "contoso", "account", derived.toString(),
                Map.of("name", "Contoso Group")));
        topics.send("c1", AvroCommands.base("ops-lookup", "contoso", "contact", WriteOperation.UPDATE)
                .setTarget(io.crmbridge.events.RecordTarget.newBuilder().setId(contactId.toString())
                        .setAlternateKey(Map.of()).build())
                .setLookups(Map.of("parentcustomerid_account", AvroCommands.reference("account", derived.toString())))
                .build());
        topics.send("a2", AvroCommands.upsertByKey("ops-upsert", "contoso", "account",
                Map.of("accountnumber", "A-100"), Map.of("name", "Keyed")));
        topics.send("d1", AvroCommands.delete("ops-delete", "contoso", "account", doomed.toString()));
        await().atMost(WAIT).until(() -> results("ops-").size() == 6);

        topics.send("a1", AvroCommands.link("ops-associate", "contoso", "account", derived.toString(),
                WriteOperation.ASSOCIATE, "contact_customer_accounts", "contact", contactId.toString()));
        await().atMost(WAIT).until(() -> results("ops-").size() == 7);
        assertThat(contacts.get(contactId).orElseThrow()).containsEntry("_parentcustomerid_value", derived);
        topics.send("a1", AvroCommands.link("ops-disassociate", "contoso", "account", derived.toString(),
                WriteOperation.DISASSOCIATE, "contact_customer_accounts", "contact", contactId.toString()));
        await().atMost(WAIT).until(() -> results("ops-").size() == 8);

        assertThat(results("ops-")).allSatisfy(result -> assertThat(result.getStatus())
                .as(result.getCommandId() + ": " + result.getErrorMessage()).isEqualTo(WriteStatus.SUCCEEDED))
                .extracting(WriteResult::getCommandId).doesNotHaveDuplicates();
        Map<String, Object> account = accounts.get(derived).orElseThrow();
        assertThat(account).containsEntry("name", "Contoso Group").containsEntry("numberofemployees", 42)
                .containsEntry("creditonhold", true).containsEntry("industrycode", 3)
                .containsEntry("lastusedincampaign", Instant.parse("2026-02-03T04:05:06Z"));
        assertThat((BigDecimal) account.get("revenue")).isEqualByComparingTo("1234.5");
        assertThat(contacts.get(contactId).orElseThrow()).containsEntry("fullname", "Ada Lovelace")
                .containsEntry("_parentcustomerid_value", null);
        assertThat(accounts.get(doomed)).isEmpty();
        WriteResult upsert = byCommandId(results("ops-")).get("ops-upsert");
        assertThat(accounts.get(UUID.fromString(upsert.getRecordId())).orElseThrow())
                .containsEntry("accountnumber", "A-100").containsEntry("name", "Keyed");
        assertThat(byCommandId(results("ops-")).get("ops-create-account").getRecordId()).isEqualTo(derived.toString());
    }

    @Test
    void answersEachInvalidCommandWithItsFailureOrDeadLetterAndKeepsConsuming() {
        topics.sendBytes("contoso:account:garbage", "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));
        topics.send("i1", AvroCommands.create("invalid-entity", "contoso", "spaceship", Map.of("name", "x")));
        topics.send("i2", AvroCommands.base("invalid-operation", "contoso", "account", WriteOperation.UNKNOWN).build());
        topics.send("i3", AvroCommands.base("invalid-target", "contoso", "account", WriteOperation.UPDATE).build());
        topics.send("i4", AvroCommands.update("invalid-id", "contoso", "account", "42", Map.of("name", "x")));
        topics.send("i5", AvroCommands.create("invalid-type", "contoso", "account",
                Map.of("numberofemployees", "many")));
        topics.send("i6", AvroCommands.create("invalid-size", "contoso", "account",
                Map.of("description", "x".repeat(25_000))));
        topics.send("i7", AvroCommands.create("invalid-after", "contoso", "account", Map.of("name", "Still consumed")));

        await().atMost(WAIT).until(() -> results("invalid-").size() == 7);
        Map<String, WriteResult> byId = byCommandId(results("invalid-"));
        assertThat(byId.get("invalid-after").getStatus()).isEqualTo(WriteStatus.SUCCEEDED);
        Map<String, String> problems = byId.values().stream().filter(r -> r.getStatus() == WriteStatus.FAILED)
                .peek(r -> assertThat(r.getErrorCode()).isEqualTo("INVALID_COMMAND"))
                .collect(Collectors.toMap(WriteResult::getCommandId, WriteResult::getErrorMessage));
        assertThat(problems).hasSize(6);
        assertThat(problems.get("invalid-entity")).contains("unknown entity 'spaceship'");
        assertThat(problems.get("invalid-operation")).contains("unknown operation");
        assertThat(problems.get("invalid-target")).contains("missing target");
        assertThat(problems.get("invalid-id")).contains("bad id");
        assertThat(problems.get("invalid-type")).contains("wrong attribute type for 'numberofemployees'");
        assertThat(problems.get("invalid-size")).contains("oversized");
        assertThat(topics.records(broker.topics().writeCommandsDlt().name()))
                .anyMatch(record -> "contoso:account:garbage".equals(record.key())
                        && record.headers().lastHeader("kafka_dlt-exception-message") != null);
    }

    @Test
    void failsAWriteDataverseRefusesAtOnceWithItsCodeAndMessage() {
        UUID missing = UUID.randomUUID();
        UUID existing = table("contoso", "account").create(Map.of("name", "Versioned"));
        topics.send("r1", AvroCommands.update("refused-missing", "contoso", "account", missing.toString(),
                Map.of("name", "x")));
        topics.send("r2", AvroCommands.base("refused-etag", "contoso", "account", WriteOperation.UPDATE)
                .setTarget(io.crmbridge.events.RecordTarget.newBuilder().setId(existing.toString())
                        .setAlternateKey(Map.of()).build())
                .setAttributes(Map.of("name", "stale")).setIfMatch("W/\"1\"").build());

        await().atMost(WAIT).until(() -> results("refused-").size() == 2);
        Map<String, WriteResult> byId = byCommandId(results("refused-"));
        assertThat(byId.get("refused-missing")).satisfies(result -> {
            assertThat(result.getStatus()).isEqualTo(WriteStatus.FAILED);
            assertThat(result.getHttpStatus()).isEqualTo(404);
            assertThat(result.getErrorCode()).isEqualTo("0x80040217");
            assertThat(result.getErrorMessage()).contains(missing.toString());
            assertThat(result.getRetryable()).isFalse();
            assertThat(result.getAttempts()).isEqualTo(1);
        });
        assertThat(byId.get("refused-etag").getHttpStatus()).isEqualTo(412);
        assertThat(table("contoso", "account").get(existing).orElseThrow()).containsEntry("name", "Versioned");
    }

    @Test
    void holdsOnlyTheExpiredConnectionAndAppliesItsCommandsInOrderAfterReconnect() {
        UUID row = table("fabrikam", "account").create(Map.of("name", "original"));
        tokenService.event("fabrikam", ConnectionEventType.TOKEN_EXPIRED, ConnectionState.EXPIRED);
        await().atMost(WAIT).until(() -> heldConnections().contains("fabrikam"));
        for (String name : List.of("first", "second", "third")) {
            topics.send(row.toString(), AvroCommands.update("expiry-" + name, "fabrikam", "account", row.toString(),
                    Map.of("name", name)));
        }
        topics.send("other", AvroCommands.create("expiry-other-connection", "contoso", "account",
                Map.of("name", "flows")));

        await().atMost(WAIT).until(() -> results("expiry-other").size() == 1);
        await().atMost(WAIT).until(() -> topics.records(broker.topics().writeCommands().name() + ".waiting").stream()
                .filter(record -> record.key().startsWith("fabrikam:")).count() == 3);
        assertThat(results("expiry-").stream().filter(r -> r.getConnectionId().equals("fabrikam"))).isEmpty();
        assertThat(table("fabrikam", "account").get(row).orElseThrow()).containsEntry("name", "original");

        tokenService.event("fabrikam", ConnectionEventType.RECONNECTED, ConnectionState.ACTIVE);

        await().atMost(WAIT).until(() -> results("expiry-").size() == 4);
        assertThat(results("expiry-")).allMatch(r -> r.getStatus() == WriteStatus.SUCCEEDED);
        assertThat(table("fabrikam", "account").get(row).orElseThrow()).containsEntry("name", "third");
    }

    @Test
    void parksTheCommandsOfAConnectionNobodyHasConnectedUntilItsFirstGrant() {
        String url = sandbox.dataverse().org("unconnected").url();
        topics.send("u1", AvroCommands.create("unconnected-1", "unconnected", "account", Map.of("name", "consented")));

        await().atMost(WAIT).until(() -> parked("unconnected:").size() == 1);
        assertThat(new String(parked("unconnected:").get(0).headers().lastHeader("crmbridge.parked-reason").value(),
                StandardCharsets.UTF_8)).isEqualTo("connection unconnected has never had an access token (not "
                + "connected yet)");
        assertThat(results("unconnected-")).isEmpty();

        tokenService.grant("unconnected", url, 1, sandbox.appAccessToken(url));

        await().atMost(WAIT).until(() -> results("unconnected-").size() == 1);
        assertThat(results("unconnected-").get(0).getStatus()).isEqualTo(WriteStatus.SUCCEEDED);
        assertThat(table("unconnected", "account").get(DeterministicIds.forCommand("unconnected-1")).orElseThrow())
                .containsEntry("name", "consented");
    }

    @Test
    void asksForANewerTokenAfter401AndRetriesWithIt() {
        topics.send("t1", AvroCommands.create("renew-1", "renewing", "account", Map.of("name", "after renewal")));

        await().atMost(WAIT).until(() -> tokenService.requests(topics).stream()
                .anyMatch(request -> request.getConnectionId().equals("renewing")
                        && request.getGenerationSeen() == 1L));
        String url = sandbox.dataverse().org("renewing").url();
        tokenService.grant("renewing", url, 2, sandbox.appAccessToken(url));

        await().atMost(WAIT).until(() -> results("renew-").size() == 1);
        assertThat(results("renew-").get(0).getStatus()).isEqualTo(WriteStatus.SUCCEEDED);
        assertThat(table("renewing", "account").get(DeterministicIds.forCommand("renew-1"))).isPresent();
    }

    @Test
    void ridesOutThrottlingAndServerErrorsWithoutA429Storm() {
        Org org = sandbox.dataverse().org("throttled");
        org.throttle(ServiceProtectionLimits.defaults().withRequests(8, Duration.ofSeconds(2)));
        sandbox.faults().add(FaultRule.of(new Fault.Status(503)).onPathsStartingWith("/org/throttled/").everyNth(4)
                .times(6));
        int commands = 150;
        IntStream.range(0, commands).forEach(i -> topics.send("t" + i, AvroCommands.create("throttle-" + i,
                "throttled", "account", Map.of("name", "Throttled " + i))));
        topics.flush();

        await().atMost(Duration.ofSeconds(120)).until(() -> results("throttle-").size() == commands);
        List<WriteResult> results = results("throttle-");
        assertThat(results).extracting(WriteResult::getCommandId).doesNotHaveDuplicates();
        assertThat(results).allMatch(r -> r.getStatus() == WriteStatus.SUCCEEDED || r.getRetryable());
        long succeeded = results.stream().filter(r -> r.getStatus() == WriteStatus.SUCCEEDED).count();
        assertThat(org.table("account").count()).isEqualTo((int) succeeded);
        long throttled = sandbox.requests().count(entry -> entry.area() == RequestCounts.Area.DATAVERSE
                && entry.org().filter("throttled"::equals).isPresent() && entry.status() == 429);
        long sent = sandbox.requests().count(entry -> entry.area() == RequestCounts.Area.DATAVERSE
                && entry.org().filter("throttled"::equals).isPresent());
        assertThat(throttled).as("429s among %d requests", sent).isLessThanOrEqualTo(Math.max(5, sent / 5));
    }

    @Test
    void reportsHealthAndMetrics() throws Exception {
        topics.send("m1", AvroCommands.create("metrics-1", "contoso", "account", Map.of("name", "measured")));
        await().atMost(WAIT).until(() -> results("metrics-").size() == 1);

        HttpClient http = HttpClient.newHttpClient();
        String health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        String prometheus = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();

        assertThat(health).contains("\"status\":\"UP\"").contains("commandLoops");
        assertThat(prometheus).contains("crmbridge_action_commands_total", "crmbridge_action_results_total",
                "crmbridge_action_batch_size", "crmbridge_action_latency", "crmbridge_action_dead_letters_total",
                "crmbridge_action_held_connections");
    }

    private static Table table(String org, String name) {
        return sandbox.dataverse().org(org).table(name);
    }

    private List<String> heldConnections() throws Exception {
        String health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
        return health.contains("fabrikam") ? List.of("fabrikam") : List.of();
    }

    private static List<ConsumerRecord<String, byte[]>> parked(String keyPrefix) {
        return topics.records(broker.topics().writeCommands().name() + ".waiting").stream()
                .filter(record -> record.key().startsWith(keyPrefix)).toList();
    }

    private static List<WriteResult> results(String commandPrefix) {
        return topics.results(broker.topics().writeResults().name()).stream()
                .filter(result -> result.getCommandId().startsWith(commandPrefix)).toList();
    }

    private static Map<String, WriteResult> byCommandId(List<WriteResult> results) {
        return results.stream().collect(Collectors.toMap(WriteResult::getCommandId, Function.identity()));
    }
}
