package io.crmbridge.local.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CliTest {

    @Test
    void anUnknownCommandExitsWithTwoAndPrintsTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = Cli.run(new String[] {"frobnicate"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exitCode).isEqualTo(Cli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command: frobnicate", "usage: cli");
    }

    @Test
    void aCommandWithoutItsRequiredFieldsIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        byte[] json = "{\"entity\": \"account\", \"operation\": \"CREATE\"}".getBytes(StandardCharsets.UTF_8);

        int exitCode = Cli.run(new String[] {"send", "-"}, new ByteArrayInputStream(json),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exitCode).isEqualTo(Cli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the command needs \"connectionId\"");
    }

    @Test
    void parsesTheOptionsWithTheLocalStacksDefaults() {
        CliOptions options = CliOptions.parse(new String[] {"tail", "account", "--max", "3"});

        assertThat(options.bootstrap()).isEqualTo("localhost:9092");
        assertThat(options.registry()).isEqualTo("http://localhost:8081");
        assertThat(options.argument()).isEqualTo("account");
        assertThat(options.max()).contains(3L);
    }

    private static final Map<String, String> ENV = Map.of("CRMBRIDGE_ADMIN_PASSWORD", "s3cret");

    @Test
    void subscriptionsWithoutAnActionIsAUsageErrorWithTheHelp() {
        Run run = run(ENV, "subscriptions");

        assertThat(run.exitCode).isEqualTo(Cli.USAGE);
        assertThat(run.err).contains("subscriptions needs an action", "subscriptions add <connection> <table>");
    }

    @Test
    void anUnknownSubscriptionsActionIsAUsageError() {
        Run run = run(ENV, "subscriptions", "frobnicate");

        assertThat(run.exitCode).isEqualTo(Cli.USAGE);
        assertThat(run.err).contains("unknown subscriptions action: frobnicate");
    }

    @Test
    void addRemoveAndSnapshotNeedAConnectionAndATable() {
        for (String action : List.of("add", "remove", "snapshot")) {
            Run run = run(ENV, "subscriptions", action, "contoso-app");

            assertThat(run.exitCode).as(action).isEqualTo(Cli.USAGE);
            assertThat(run.err).contains("subscriptions " + action + " takes <connection> <table>, got 1");
        }
        assertThat(run(ENV, "subscriptions", "list", "a", "b").exitCode).isEqualTo(Cli.USAGE);
    }

    @Test
    void aPasswordOnTheCommandLineIsRefusedWithoutPrintingIt() {
        Run run = run(ENV, "subscriptions", "list", "--password", "hunter2");

        assertThat(run.exitCode).isEqualTo(Cli.USAGE);
        assertThat(run.err).contains("--password-env").doesNotContain("hunter2");
    }

    @Test
    void withoutAPasswordTheCommandSaysWhereToPutIt() {
        Run run = run(Map.of(), "subscriptions", "list");

        assertThat(run.exitCode).isEqualTo(Cli.USAGE);
        assertThat(run.err).contains("set CRMBRIDGE_ADMIN_PASSWORD");
    }

    @Test
    void anUnsetPasswordVariableIsReportedWithoutEchoingWhatWasTyped() {
        // Someone typed the password where the variable's name belongs.
        Run run = run(ENV, "subscriptions", "list", "--password-env", "Hunter2Secret");

        assertThat(run.exitCode).isEqualTo(Cli.USAGE);
        assertThat(run.err).contains("the environment variable named by --password-env is not set")
                .doesNotContain("Hunter2Secret");
    }

    @Test
    void aSettingOutsideItsChoicesIsAUsageError() {
        assertThat(run(ENV, "subscriptions", "add", "c", "lead", "--strategy", "SOMETIMES").err)
                .contains("--strategy is one of CHANGE_TRACKING|MODIFIED_ON: SOMETIMES");
        assertThat(run(ENV, "subscriptions", "add", "c", "lead", "--start", "YESTERDAY").exitCode)
                .isEqualTo(Cli.USAGE);
        assertThat(run(ENV, "subscriptions", "add", "c", "lead", "--format", "pretty").exitCode)
                .isEqualTo(Cli.USAGE);
        assertThat(run(ENV, "subscriptions", "add", "c", "lead", "--page-size", "many").exitCode)
                .isEqualTo(Cli.USAGE);
        assertThat(run(ENV, "subscriptions", "add", "c", "lead", "--columns", " , ").exitCode)
                .isEqualTo(Cli.USAGE);
    }

    @Test
    void settingsGoWithAddOnly() {
        Run run = run(ENV, "subscriptions", "remove", "contoso-app", "lead", "--columns", "subject");

        assertThat(run.exitCode).isEqualTo(Cli.USAGE);
        assertThat(run.err).contains("go with subscriptions add only");
    }

    @Test
    void theSnapshotIdGoesWithSnapshotOnly() {
        Run run = run(ENV, "subscriptions", "add", "contoso-app", "lead", "--id", "x");

        assertThat(run.exitCode).isEqualTo(Cli.USAGE);
        assertThat(run.err).contains("--id goes with subscriptions snapshot only");
    }

    @Test
    void aConnectionOrTableThatIsNoNameIsAUsageError() {
        assertThat(run(ENV, "subscriptions", "remove", "../token", "lead").err).contains("not a connection id");
        assertThat(run(ENV, "subscriptions", "remove", "contoso-app", "lead?x=1").err)
                .contains("not a table logical name");
    }

    @Test
    void addBuildsThePutBodyFromItsOptions() {
        CliOptions options = CliOptions.parse(new String[] {"subscriptions", "add", "contoso-app", "Lead",
                "--columns", "Subject, companyname", "--strategy", "modified_on", "--start", "now", "--format", "raw",
                "--interval", "5s", "--active-interval", "1s", "--page-size", "500", "--entity-set", "leads"});

        Subscriptions.Action action = Subscriptions.action(options);

        assertThat(action.key()).isEqualTo("contoso-app:lead");
        assertThat(action.body()).containsExactly(Map.entry("columns", List.of("subject", "companyname")),
                Map.entry("strategy", "MODIFIED_ON"), Map.entry("start", "NOW"),
                Map.entry("formattedValues", false), Map.entry("interval", "5s"),
                Map.entry("activeInterval", "1s"), Map.entry("pageSize", 500), Map.entry("entitySet", "leads"));
    }

    @Test
    void addLeavesOutTheSettingsNotGivenSoThePollersDefaultsApply() {
        assertThat(SubscriptionBody.of(Map.of("format", "formatted"))).containsExactly(
                Map.entry("formattedValues", true));
        assertThat(SubscriptionBody.of(Map.of())).isEmpty();
    }

    @Test
    void eachActionMakesItsRequestWithBasicCredentials() {
        Map<String, String> env = Map.of("CRMBRIDGE_ADMIN_USER", "ops", "POLLER_PW", "pw");
        String[] poller = {"--poller", "https://poller.example:8443/", "--password-env", "POLLER_PW"};

        HttpRequest snapshot = request(env, poller, "subscriptions", "snapshot", "contoso-app", "lead");
        HttpRequest add = request(env, poller, "subscriptions", "add", "contoso-app", "lead", "--reset");
        HttpRequest remove = request(env, poller, "subscriptions", "remove", "contoso-app", "lead");
        HttpRequest list = request(env, poller, "subscriptions", "list", "contoso-app");
        HttpRequest all = request(env, poller, "subscriptions", "list");

        HttpRequest again = request(env, poller, "subscriptions", "snapshot", "contoso-app", "lead", "--id", "a b&c");
        assertThat(again.uri().getRawQuery()).isEqualTo("id=a+b%26c");
        assertThat(snapshot.method()).isEqualTo("POST");
        assertThat(snapshot.uri()).isEqualTo(URI.create(
                "https://poller.example:8443/api/subscriptions/contoso-app/lead/snapshot"));
        assertThat(snapshot.headers().firstValue("Authorization")).contains("Basic "
                + Base64.getEncoder().encodeToString("ops:pw".getBytes(StandardCharsets.UTF_8)));
        assertThat(add.method()).isEqualTo("PUT");
        assertThat(add.uri().toString()).endsWith("/api/subscriptions/contoso-app/lead?reset=true");
        assertThat(add.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(remove.method()).isEqualTo("DELETE");
        assertThat(remove.uri().getPath()).isEqualTo("/api/subscriptions/contoso-app/lead");
        assertThat(list.method()).isEqualTo("GET");
        assertThat(list.uri().getPath()).isEqualTo("/api/subscriptions/contoso-app");
        assertThat(all.uri().getPath()).isEqualTo("/api/subscriptions");
    }

    @Test
    void theUserDefaultsToThePollersAndThePollerToTheLocalStacks() {
        HttpRequest list = request(ENV, new String[0], "subscriptions", "list");

        assertThat(list.uri()).isEqualTo(URI.create("http://localhost:8091/api/subscriptions"));
        assertThat(list.headers().firstValue("Authorization")).contains("Basic "
                + Base64.getEncoder().encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPollerUrlThatIsNotHttpIsAUsageError() {
        assertThatThrownBy(() -> request(ENV, new String[] {"--poller", "localhost:8091"}, "subscriptions", "list"))
                .isInstanceOf(Cli.UsageException.class).hasMessageContaining("--poller needs an http(s) URL");
    }

    @Test
    void theListReadsAsATableWithOneRowPerSubscription() {
        var subscriptions = JsonMapper.builder().build().readTree("""
                [{"connection": "contoso-app", "table": "account", "columns": ["name", "revenue"],
                  "strategy": "CHANGE_TRACKING", "start": "SNAPSHOT", "interval": "PT5S", "formattedValues": true,
                  "updatedAt": "2026-12-07T10:00:00Z", "updatedBy": "configuration"},
                 {"connection": "contoso-app", "table": "lead", "columns": [], "strategy": "MODIFIED_ON",
                  "start": "NOW", "interval": "PT1M", "formattedValues": false,
                  "updatedAt": "2026-12-07T11:00:00Z", "updatedBy": "admin"}]""");

        List<String> lines = SubscriptionTable.lines(subscriptions);

        assertThat(lines).containsExactly(
                "CONNECTION   TABLE    STRATEGY         START     FORMAT     INTERVAL  UPDATED"
                        + "                                COLUMNS",
                "contoso-app  account  CHANGE_TRACKING  SNAPSHOT  formatted  PT5S      2026-12-07T10:00:00Z by"
                        + " configuration  name,revenue",
                "contoso-app  lead     MODIFIED_ON      NOW       raw        PT1M      2026-12-07T11:00:00Z by admin"
                        + "          (all)");
    }

    @Test
    void eachRefusalOfThePollerReadsAsWhatItMeans() {
        CliOptions options = CliOptions.parse(new String[] {"subscriptions", "add", "contoso-app", "lead"});
        Subscriptions.Action add = Subscriptions.action(options);
        PollerAdmin poller = PollerAdmin.of(options.poller(), ENV);

        assertThat(PollerRefusals.explain(add, poller, new PollerAdmin.Answer(400,
                "{\"problems\": [\"column 'x' is not a column of table 'lead'\", \"pageSize must be 1 to 5000: 0\"]}"))
                .lines()).containsExactly("the poller refused contoso-app:lead, nothing changed:",
                "  column 'x' is not a column of table 'lead'", "  pageSize must be 1 to 5000: 0");
        assertThat(PollerRefusals.explain(add, poller, new PollerAdmin.Answer(401, "")))
                .contains("refused the credentials of user admin").doesNotContain("s3cret");
        assertThat(PollerRefusals.explain(add, poller, new PollerAdmin.Answer(404, "{}")))
                .isEqualTo("there is no subscription contoso-app:lead");
        assertThat(PollerRefusals.explain(add, poller, new PollerAdmin.Answer(503,
                "{\"error\": \"the table's metadata cannot be read now; nothing was changed: timeout\"}")))
                .isEqualTo("the poller cannot answer now, nothing changed: the table's metadata cannot be read now;"
                        + " nothing was changed: timeout");
        assertThat(PollerRefusals.explain(add, poller, new PollerAdmin.Answer(502, "<html>bad gateway</html>")))
                .isEqualTo("the poller answered 502: <html>bad gateway</html>");
    }

    private static HttpRequest request(Map<String, String> env, String[] global, String... command) {
        String[] args = new String[global.length + command.length];
        System.arraycopy(global, 0, args, 0, global.length);
        System.arraycopy(command, 0, args, global.length, command.length);
        return Subscriptions.of(CliOptions.parse(args), env).request();
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = Cli.run(args, env, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String out, String err) {
    }
}
