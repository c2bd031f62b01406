package io.crmbridge.action;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.action.command.DeterministicIds;
import io.crmbridge.action.testing.AvroCommands;
import io.crmbridge.action.testing.CommandTopics;
import io.crmbridge.action.testing.Fixtures;
import io.crmbridge.action.testing.ServiceProcess;
import io.crmbridge.action.testing.TestBroker;
import io.crmbridge.action.testing.TokenService;
import io.crmbridge.events.WriteResult;
import io.crmbridge.events.WriteStatus;
import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.SandboxTls;
import io.crmbridge.sandbox.admin.Fault;
import io.crmbridge.sandbox.admin.FaultRule;
import io.crmbridge.sandbox.dataverse.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills the service (SIGKILL, in its own JVM) while a transaction's batches are half applied to Dataverse, starts
 * it again, and checks that every command has exactly one result and the sandbox holds each command's effect once.
 */
class ActionServiceCrashIT {

    private static final int CREATES = 160;
    private static final int UPDATES = 20;
    private static final int DELETES = 20;

    @RegisterExtension
    static final Fixtures fixtures = new Fixtures();

    @Test
    void appliesEveryCommandOnceWithOneResultAcrossAKillMidBatch() throws Exception {
        TestBroker broker = fixtures.add(TestBroker.start(3));
        Sandbox sandbox = fixtures.add(Sandbox.start(SandboxSettings.defaults()));
        String registry = sandbox.registryUrl().toString();
        CommandTopics topics = fixtures.add(new CommandTopics(broker.servers(),
                broker.topics().writeCommands().name(), registry));
        String orgUrl = sandbox.dataverse().org("crash").url();
        fixtures.add(new TokenService(broker.servers(), broker.topics(), registry))
                .grant("crash", orgUrl, 1, sandbox.appAccessToken(orgUrl));
        Table accounts = sandbox.dataverse().org("crash").table("account");
        List<UUID> existing = new ArrayList<>();
        for (int i = 0; i < UPDATES + DELETES; i++) {
            existing.add(accounts.create(Map.of("name", "existing " + i)));
        }
        // Every 4th request lags, so a transaction's other batches are applied well before it commits.
        sandbox.faults().add(FaultRule.of(new Fault.Latency(Duration.ofMillis(1500))).onPathsStartingWith("/org/crash/")
                .everyNth(4));
        sendCommands(topics, existing);

        ServiceProcess first = fixtures.add(ServiceProcess.start(properties(broker, registry), log("first")));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                .until(() -> accounts.count() > existing.size() + 10 && (accounts.count() - existing.size()) % 40 != 0);
        first.kill();
        int appliedAtKill = accounts.count() - existing.size() + deleted(accounts, existing);
        int answeredAtKill = results(topics, broker).size();
        assertThat(appliedAtKill).as("writes applied without a committed result when killed")
                .isGreaterThan(answeredAtKill);

        ServiceProcess second = fixtures.add(ServiceProcess.start(properties(broker, registry), log("second")));
        await().atMost(Duration.ofSeconds(120)).until(() -> results(topics, broker).size() >= CREATES + UPDATES + DELETES);
        second.close();

        List<WriteResult> results = results(topics, broker);
        assertThat(results).hasSize(CREATES + UPDATES + DELETES);
        assertThat(results).extracting(WriteResult::getCommandId).doesNotHaveDuplicates();
        assertThat(results).allSatisfy(result -> assertThat(result.getStatus())
                .as(result.getCommandId() + ": " + result.getErrorMessage()).isEqualTo(WriteStatus.SUCCEEDED));
        assertThat(accounts.count()).isEqualTo(UPDATES + CREATES);
        for (int i = 0; i < CREATES; i++) {
            assertThat(accounts.get(DeterministicIds.forCommand("crash-create-" + i)).orElseThrow())
                    .containsEntry("name", "created " + i);
        }
        for (int i = 0; i < UPDATES; i++) {
            assertThat(accounts.get(existing.get(i)).orElseThrow()).containsEntry("name", "updated " + i);
        }
        for (int i = UPDATES; i < UPDATES + DELETES; i++) {
            assertThat(accounts.get(existing.get(i))).isEmpty();
        }
    }

    private static void sendCommands(CommandTopics topics, List<UUID> existing) {
        for (int i = 0; i < CREATES; i++) {
            topics.send("new-" + i, AvroCommands.create("crash-create-" + i, "crash", "account",
                    Map.of("name", "created " + i)));
            if (i < UPDATES) {
                topics.send(existing.get(i).toString(), AvroCommands.update("crash-update-" + i, "crash", "account",
                        existing.get(i).toString(), Map.of("name", "updated " + i)));
            } else if (i < UPDATES + DELETES) {
                topics.send(existing.get(i).toString(), AvroCommands.delete("crash-delete-" + i, "crash", "account",
                        existing.get(i).toString()));
            }
        }
        topics.flush();
    }

    private static int deleted(Table accounts, List<UUID> existing) {
        return (int) existing.subList(UPDATES, UPDATES + DELETES).stream()
                .filter(id -> accounts.get(id).isEmpty()).count();
    }

    private static List<WriteResult> results(CommandTopics topics, TestBroker broker) {
        return topics.results(broker.topics().writeResults().name()).stream()
                .filter(result -> result.getCommandId().startsWith("crash-")).toList();
    }

    private static Path log(String run) {
        return Path.of("target", "crash-it", run + ".log");
    }

    private static Map<String, String> properties(TestBroker broker, String registry) {
        Map<String, String> properties = new HashMap<>();
        properties.put("spring.kafka.bootstrap-servers", broker.servers());
        properties.put("spring.kafka.properties.schema.registry.url", registry);
        properties.put("server.port", "0");
        properties.put("crmbridge.topics.partitions", "3");
        properties.put("crmbridge.token-encryption.active-key-id", TokenService.KEY_ID);
        properties.put("crmbridge.token-encryption.keys." + TokenService.KEY_ID, TokenService.KEY);
        properties.put("crmbridge.dataverse.trust-store", SandboxTls.trustStoreFile().toString());
        properties.put("crmbridge.dataverse.trust-store-password", SandboxTls.STORE_PASSWORD);
        properties.put("crmbridge.dataverse.initial-rate", "200");
        properties.put("crmbridge.action.instance-id", "crash-it");
        properties.put("crmbridge.action.max-records", "40");
        properties.put("crmbridge.action.batch-size", "10");
        return properties;
    }
}
