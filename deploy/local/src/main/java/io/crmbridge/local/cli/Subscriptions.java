package io.crmbridge.local.cli;

import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.crmbridge.local.cli.Cli.UsageException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code subscriptions list [<connection>] | add <connection> <table> [settings] [--reset] |
 * remove <connection> <table> | snapshot <connection> <table> [--id id]}: the poller's subscriptions admin API.
 * A 2xx answer is printed as a table or a sentence (as it came with {@code --json}); any other fails the command
 * with what {@link PollerRefusals} makes of it.
 */
final class Subscriptions {

    private final Action action;
    private final PollerAdmin poller;
    private final boolean json;

    /** What was asked for, checked before any request. */
    record Action(String name, Optional<String> connection, Optional<String> table, Map<String, Object> body,
                  boolean reset, Optional<String> snapshotId) {

        String key() {
            return connection.orElseThrow() + ":" + table.orElseThrow();
        }
    }

    private Subscriptions(Action action, PollerAdmin poller, boolean json) {
        this.action = action;
        this.poller = poller;
        this.json = json;
    }

    /** The command of {@code options}: usage errors first, then the credentials from {@code env}. */
    static Subscriptions of(CliOptions options, Map<String, String> env) {
        Action action = action(options);
        return new Subscriptions(action, PollerAdmin.of(options.poller(), env), options.json());
    }

    static Action action(CliOptions options) {
        List<String> words = options.arguments();
        if (words.isEmpty()) {
            throw new UsageException("subscriptions needs an action: list, add, remove or snapshot");
        }
        String name = words.get(0);
        List<String> rest = words.subList(1, words.size());
        Map<String, String> settings = new HashMap<>(options.subscription());
        Optional<String> snapshotId = Optional.ofNullable(settings.remove(CliOptions.SNAPSHOT_ID));
        if (!name.equals("add") && (!settings.isEmpty() || options.reset())) {
            throw new UsageException("the settings and --reset go with subscriptions add only");
        }
        if (!name.equals("snapshot") && snapshotId.isPresent()) {
            throw new UsageException("--id goes with subscriptions snapshot only");
        }
        return switch (name) {
            case "list" -> {
                if (rest.size() > 1) {
                    throw new UsageException("subscriptions list takes at most a connection, got " + rest.size()
                            + " arguments");
                }
                yield new Action(name, rest.stream().findFirst().map(Subscriptions::connection), Optional.empty(),
                        Map.of(), false, Optional.empty());
            }
            case "add", "remove", "snapshot" -> {
                if (rest.size() != 2) {
                    throw new UsageException("subscriptions " + name + " takes <connection> <table>, got "
                            + rest.size() + " arguments");
                }
                yield new Action(name, Optional.of(connection(rest.get(0))), Optional.of(table(rest.get(1))),
                        name.equals("add") ? SubscriptionBody.of(settings) : Map.of(), options.reset(), snapshotId);
            }
            default -> throw new UsageException("unknown subscriptions action: " + name
                    + " (list, add, remove or snapshot)");
        };
    }

    /** The request the action makes. */
    HttpRequest request() {
        String c = action.connection().orElse(null);
        String t = action.table().orElse(null);
        return switch (action.name()) {
            case "list" -> poller.list(action.connection());
            case "add" -> poller.put(c, t, AvroJson.mapper().writeValueAsString(action.body()), action.reset());
            case "remove" -> poller.remove(c, t);
            default -> poller.snapshot(c, t, action.snapshotId());
        };
    }

    int run(PrintStream out) {
        PollerAdmin.Answer answer = poller.send(request());
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException(PollerRefusals.explain(action, poller, answer));
        }
        if (json) {
            out.println(answer.body());
            return Cli.OK;
        }
        JsonNode body = parse(answer.body());
        switch (action.name()) {
            case "list" -> print(out, body);
            case "add" -> out.println((answer.status() == 201 ? "created " : "changed ")
                    + SubscriptionTable.summary(body) + (action.reset() ? " (reset: starts over)" : ""));
            case "remove" -> out.println("removed " + action.key() + "; its checkpoint is kept: adding it again"
                    + " resumes from it");
            default -> out.println("snapshot " + body.path("snapshotId").asString() + " of " + action.key()
                    + (body.path("repeated").asBoolean(false) ? " was already asked for at " : " requested at ")
                    + body.path("requestedAt").asString() + "; its SNAPSHOT events follow on "
                    + KafkaClients.PREFIX + ".changes." + action.table().orElseThrow());
        }
        return Cli.OK;
    }

    private static void print(PrintStream out, JsonNode subscriptions) {
        if (subscriptions.isEmpty()) {
            out.println("no subscriptions");
            return;
        }
        SubscriptionTable.lines(subscriptions).forEach(out::println);
    }

    static JsonNode parse(String body) {
        try {
            return AvroJson.mapper().readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JacksonException e) {
            throw new IllegalStateException("the poller's answer is not JSON: " + body, e);
        }
    }

    private static String connection(String name) {
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new UsageException("not a connection id: " + name);
        }
        return name;
    }

    private static String table(String name) {
        if (!name.matches("[A-Za-z0-9_]+")) {
            throw new UsageException("not a table logical name: " + name);
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
