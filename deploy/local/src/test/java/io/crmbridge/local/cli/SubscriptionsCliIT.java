package io.crmbridge.local.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.crmbridge.local.LocalStack;
import io.crmbridge.local.WholeSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code subscriptions} commands against the poller-service of the running local stack (WholeSystem: a real
 * broker, the sandbox over HTTPS), through its admin API with the stack's credentials.
 */
@ExtendWith(WholeSystem.class)
class SubscriptionsCliIT {

    // The local stack's administrator (DemoConfiguration), given the way a user gives it: in the environment.
    private static final Map<String, String> ENV = Map.of("CRMBRIDGE_ADMIN_PASSWORD", "local-admin");

    @Test
    void aSubscriptionAddedIsListedUntilItIsRemoved(LocalStack stack) {
        Run add = run(stack, ENV, "subscriptions", "add", "contoso-app", "opportunity",
                "--columns", "name,estimatedvalue", "--start", "NOW", "--format", "raw", "--interval", "2s");

        assertThat(add.exitCode).as(add.err).isZero();
        assertThat(add.out).startsWith("created contoso-app:opportunity CHANGE_TRACKING from NOW, raw values")
                .contains("every PT2S, columns name,estimatedvalue");
        Run list = run(stack, ENV, "subscriptions", "list", "contoso-app");
        assertThat(list.exitCode).as(list.err).isZero();
        assertThat(list.out.lines().toList()).first().asString().startsWith("CONNECTION");
        assertThat(list.out.lines()).anySatisfy(line -> assertThat(line.split(" +")).containsExactly(
                "contoso-app", "opportunity", "CHANGE_TRACKING", "NOW", "raw", "PT2S", line.split(" +")[6], "by",
                "admin", "name,estimatedvalue"));
        JsonNode json = JsonMapper.builder().build().readTree(run(stack, ENV, "subscriptions", "list", "--json").out);
        assertThat(tables(json)).contains("contoso-app:opportunity", "contoso-app:account", "contoso-alice:account");

        Run remove = run(stack, ENV, "subscriptions", "remove", "contoso-app", "opportunity");

        assertThat(remove.exitCode).as(remove.err).isZero();
        assertThat(remove.out).contains("removed contoso-app:opportunity; its checkpoint is kept");
        assertThat(run(stack, ENV, "subscriptions", "list").out).doesNotContain("opportunity")
                .contains("account");
    }

    @Test
    void anInvalidSubscriptionPrintsEachProblemOnItsOwnLineAndChangesNothing(LocalStack stack) {
        Run add = run(stack, ENV, "subscriptions", "add", "contoso-app", "lead", "--strategy", "CHANGE_TRACKING",
                "--columns", "subject,nosuchcolumn");

        assertThat(add.exitCode).isEqualTo(Cli.FAILED);
        assertThat(add.err.lines().toList()).contains("failed: the poller refused contoso-app:lead, nothing changed:")
                .contains("  column 'nosuchcolumn' is not a column of table 'lead'")
                .anySatisfy(line -> assertThat(line).startsWith(
                        "  table 'lead' does not have change tracking enabled").contains("MODIFIED_ON"));
        assertThat(run(stack, ENV, "subscriptions", "list", "contoso-app").out).doesNotContain("lead");
    }

    @Test
    void removingASubscriptionThatDoesNotExistSaysWhich(LocalStack stack) {
        Run remove = run(stack, ENV, "subscriptions", "remove", "contoso-app", "lead");

        assertThat(remove.exitCode).isEqualTo(Cli.FAILED);
        assertThat(remove.err).contains("there is no subscription contoso-app:lead");
    }

    @Test
    void aSnapshotOnDemandIsAcceptedAndPrintsItsIdAndAskingAgainWithTheIdIsTheSameRequest(LocalStack stack) {
        assertThat(run(stack, ENV, "subscriptions", "add", "contoso-app", "opportunity", "--columns", "name",
                "--start", "NOW").exitCode).isZero();
        try {
            String id = "cli-it-" + UUID.randomUUID();

            Run first = run(stack, ENV, "subscriptions", "snapshot", "contoso-app", "opportunity", "--id", id);
            Run again = run(stack, ENV, "subscriptions", "snapshot", "contoso-app", "opportunity", "--id", id);
            Run picked = run(stack, ENV, "subscriptions", "snapshot", "contoso-app", "opportunity", "--json");

            assertThat(first.exitCode).as(first.err).isZero();
            Matcher asked = Pattern.compile("snapshot (\\S+) of contoso-app:opportunity requested at (\\S+); its"
                    + " SNAPSHOT events follow on crm.changes.opportunity").matcher(first.out.strip());
            assertThat(asked.matches()).as(first.out).isTrue();
            assertThat(asked.group(1)).isEqualTo(id);
            assertThat(Instant.parse(asked.group(2))).isBefore(Instant.now().plusSeconds(1));
            assertThat(again.out.strip()).isEqualTo("snapshot " + id + " of contoso-app:opportunity was already"
                    + " asked for at " + asked.group(2) + "; its SNAPSHOT events follow on crm.changes.opportunity");
            JsonNode accepted = JsonMapper.builder().build().readTree(picked.out);
            assertThat(accepted.path("connection").asString()).isEqualTo("contoso-app");
            assertThat(accepted.path("table").asString()).isEqualTo("opportunity");
            assertThat(accepted.path("snapshotId").asString()).isNotBlank().isNotEqualTo(id);
            assertThat(accepted.path("requestedAt").asString()).isNotBlank();
        } finally {
            run(stack, ENV, "subscriptions", "remove", "contoso-app", "opportunity");
        }
    }

    @Test
    void aSnapshotOfASubscriptionThatDoesNotExistSaysWhich(LocalStack stack) {
        Run snapshot = run(stack, ENV, "subscriptions", "snapshot", "contoso-app", "lead");

        assertThat(snapshot.exitCode).isEqualTo(Cli.FAILED);
        assertThat(snapshot.err).contains("there is no subscription contoso-app:lead");
    }

    @Test
    void aWrongPasswordIsReportedAsRefusedCredentialsWithoutPrintingIt(LocalStack stack) {
        Run list = run(stack, Map.of("CRMBRIDGE_ADMIN_PASSWORD", "not-the-password"), "subscriptions", "list");

        assertThat(list.exitCode).isEqualTo(Cli.FAILED);
        assertThat(list.err).contains("refused the credentials of user admin").doesNotContain("not-the-password");
        assertThat(list.out).isEmpty();
    }

    @Test
    void anUnreachablePollerIsAClearFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Run list = run("http://localhost:" + closedPort, ENV, "subscriptions", "list");

        assertThat(list.exitCode).isEqualTo(Cli.FAILED);
        assertThat(list.err).contains("cannot reach the poller at http://localhost:" + closedPort);
    }

    private static List<String> tables(JsonNode subscriptions) {
        List<String> keys = new ArrayList<>();
        subscriptions.forEach(s -> keys.add(s.path("connection").asString() + ":" + s.path("table").asString()));
        return keys;
    }

    private static Run run(LocalStack stack, Map<String, String> env, String... command) {
        return run(stack.pollerServiceUrl().toString(), env, command);
    }

    private static Run run(String poller, Map<String, String> env, String... command) {
        List<String> args = new ArrayList<>(List.of("--poller", poller));
        args.addAll(List.of(command));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = Cli.run(args.toArray(String[]::new), env, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String out, String err) {
    }
}
