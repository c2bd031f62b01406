package io.crmbridge.local.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * A small command line for users of the topics of a running local stack: {@code tail}, {@code send},
 * {@code connections}, {@code expire-token} and {@code reconnect}. Exit codes: 0 done, 1 the command failed (a
 * FAILED write result, a timeout, an unreachable broker or sandbox), 2 wrong usage.
 */
public final class Cli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String HELP = """
            usage: cli [--bootstrap host:port] [--registry url] [--sandbox url] <command>
              tail <entity> [--from-beginning] [--max n]   each RecordChanged of crm.changes.<entity> as a JSON line
              send <file.json|-> [--timeout seconds]       produce a WriteCommand from JSON, print its WriteResult
              connections                                  the latest state of each connection
              expire-token <user>                          the sandbox expires the user's refresh tokens
              reconnect <connection>                       where to sign in again for an expired connection
            defaults: --bootstrap localhost:9092 --registry http://localhost:8081 --sandbox http://localhost:8081""";

    private Cli() {
    }

    public static void main(String[] args) {
        // Before the first logger exists: the Kafka clients would otherwise log INFO lines into the JSON output.
        System.setProperty("logback.configurationFile", "io/crmbridge/local/cli/logback-cli.xml");
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        try {
            CliOptions options = CliOptions.parse(args);
            return switch (options.command()) {
                case "tail" -> new Tail(options).run(out);
                case "send" -> new Send(options).run(in, out);
                case "connections" -> new Connections(options).run(out);
                case "reconnect" -> new Connections(options).reconnect(options.argument(), out);
                case "expire-token" -> new SandboxAdmin(options.sandbox()).expireRefreshTokens(options.argument(), out);
                default -> throw new UsageException("unknown command: " + options.command());
            };
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println(HELP);
            return USAGE;
        } catch (RuntimeException e) {
            err.println("failed: " + e.getMessage());
            return FAILED;
        }
    }

    /** The command line is wrong: the message says how. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
