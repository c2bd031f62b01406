package io.crmbridge.local.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.crmbridge.local.cli.Cli.UsageException;

/** The parsed command line; defaults are the local stack's. */
record CliOptions(String bootstrap, String registry, String sandbox, String command, List<String> arguments,
                  boolean fromBeginning, Optional<Long> max, Duration timeout) {

    static CliOptions parse(String[] args) {
        String bootstrap = "localhost:9092";
        String registry = "http://localhost:8081";
        String sandbox = "http://localhost:8081";
        boolean fromBeginning = false;
        Optional<Long> max = Optional.empty();
        Duration timeout = Duration.ofSeconds(60);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap" -> bootstrap = value(args, ++i);
                case "--registry" -> registry = value(args, ++i);
                case "--sandbox" -> sandbox = value(args, ++i);
                case "--from-beginning" -> fromBeginning = true;
                case "--max" -> max = Optional.of(number(value(args, ++i)));
                case "--timeout" -> timeout = Duration.ofSeconds(number(value(args, ++i)));
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new UsageException("unknown option: " + args[i]);
                    }
                    words.add(args[i]);
                }
            }
        }
        if (words.isEmpty()) {
            throw new UsageException("no command");
        }
        return new CliOptions(bootstrap, registry, sandbox, words.get(0), List.copyOf(words.subList(1, words.size())),
                fromBeginning, max, timeout);
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
