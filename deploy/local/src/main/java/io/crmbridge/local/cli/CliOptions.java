package io.crmbridge.local.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.crmbridge.local.cli.Cli.UsageException;

/**
 * The parsed command line; defaults are the local stack's.
 *
 * @param poller       where the poller's admin API is, and who signs in to it (the password only by the name of an
 *                     environment variable: a password on the command line would show in the process list)
 * @param json         print the poller's answer as it is, not as a table or a sentence
 * @param subscription the options of {@code subscriptions add} (its settings) and {@code subscriptions snapshot}
 *                     ({@code id}), by option name without its dashes ({@code columns}, {@code strategy}, ...),
 *                     only those given
 * @param reset        {@code subscriptions add --reset}: start over from the start position
 */
record CliOptions(String bootstrap, String registry, String sandbox, PollerAccess poller, String command,
                  List<String> arguments, boolean fromBeginning, Optional<Long> max, Duration timeout, boolean json,
                  Map<String, String> subscription, boolean reset) {

    /** The options of {@code subscriptions add}, each taking a value. */
    static final Set<String> SUBSCRIPTION_SETTINGS = Set.of("columns", "strategy", "start", "format", "interval",
            "active-interval", "page-size", "entity-set");
    /** The option of {@code subscriptions snapshot}: the snapshot's id, so that asking again is the same request. */
    static final String SNAPSHOT_ID = "id";

    /**
     * The poller's admin API.
     *
     * @param user        empty: {@code CRMBRIDGE_ADMIN_USER}, else the poller's default {@code admin}
     * @param passwordEnv the environment variable holding the password; empty: {@code CRMBRIDGE_ADMIN_PASSWORD}
     */
    record PollerAccess(String url, Optional<String> user, Optional<String> passwordEnv) {
    }

    static CliOptions parse(String[] args) {
        String bootstrap = "localhost:9092";
        String registry = "http://localhost:8081";
        String sandbox = "http://localhost:8081";
        String poller = "http://localhost:8091";
        Optional<String> user = Optional.empty();
        Optional<String> passwordEnv = Optional.empty();
        boolean fromBeginning = false;
        boolean json = false;
        boolean reset = false;
        Optional<Long> max = Optional.empty();
        Duration timeout = Duration.ofSeconds(60);
        Map<String, String> subscription = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap" -> bootstrap = value(args, ++i);
                case "--registry" -> registry = value(args, ++i);
                case "--sandbox" -> sandbox = value(args, ++i);
                case "--poller" -> poller = value(args, ++i);
                case "--user" -> user = Optional.of(value(args, ++i));
                case "--password-env" -> passwordEnv = Optional.of(value(args, ++i));
                case "--password" -> throw new UsageException("no --password: a password on the command line shows"
                        + " in the process list; put it in an environment variable and name it with --password-env");
                case "--from-beginning" -> fromBeginning = true;
                case "--json" -> json = true;
                case "--reset" -> reset = true;
                case "--max" -> max = Optional.of(number(value(args, ++i)));
                case "--timeout" -> timeout = Duration.ofSeconds(number(value(args, ++i)));
                default -> {
                    if (args[i].startsWith("--") && (SUBSCRIPTION_SETTINGS.contains(args[i].substring(2))
                            || args[i].equals("--" + SNAPSHOT_ID))) {
                        subscription.put(args[i].substring(2), value(args, ++i));
                    } else if (args[i].startsWith("--")) {
                        throw new UsageException("unknown option: " + args[i]);
                    } else {
                        words.add(args[i]);
                    }
                }
            }
        }
        if (words.isEmpty()) {
            throw new UsageException("no command");
        }
        return new CliOptions(bootstrap, registry, sandbox, new PollerAccess(poller, user, passwordEnv),
                words.get(0), List.copyOf(words.subList(1, words.size())), fromBeginning, max, timeout, json,
                Map.copyOf(subscription), reset);
    }

    /** The command's single argument (an entity, a file, a user, a connection). */
    String argument() {
        if (arguments.size() != 1) {
            throw new UsageException(command + " takes one argument, got " + arguments.size());
        }
        return arguments.get(0);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new UsageException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("not a number: " + text);
        }
    }
}
