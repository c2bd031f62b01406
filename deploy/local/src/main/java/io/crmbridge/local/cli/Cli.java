package io.crmbridge.local.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * A small command line for users of a running local stack: {@code tail}, {@code send}, {@code connections},
 * {@code expire-token} and {@code reconnect} on its topics and sandbox, and {@code subscriptions list|add|remove|
 * snapshot} on the poller's admin API (HTTP basic: the user from {@code --user} or {@code CRMBRIDGE_ADMIN_USER}, the
 * password only from an environment variable, {@code CRMBRIDGE_ADMIN_PASSWORD} or the one {@code --password-env}
 * names, never printed). Exit codes: 0 done, 1 the command failed (a FAILED write result, a timeout, an unreachable
 * broker, sandbox or poller, a request the poller refused), 2 wrong usage.
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
              subscriptions list [<connection>] [--json]   the poller's subscriptions, as a table (--json: as they come)
              subscriptions add <connection> <table> [--columns a,b,c] [--strategy CHANGE_TRACKING|MODIFIED_ON]
                  [--start SNAPSHOT|NOW] [--format formatted|raw] [--interval 5s] [--active-interval 1s]
                  [--page-size n] [--entity-set name] [--reset]
                                                           add or replace one (settings not given: the poller's
                                                           defaults; --reset: start over from its start position)
              subscriptions remove <connection> <table>    stop capturing it (its checkpoint is kept)
              subscriptions snapshot <connection> <table> [--id id]
                                                           re-read the table as SNAPSHOT events, deltas keep flowing
                                                           (--id: asking again with it is the same request)
            poller: [--poller url] [--user name] [--password-env NAME] [--json]; the user defaults to
              $CRMBRIDGE_ADMIN_USER or admin, the password is read from $CRMBRIDGE_ADMIN_PASSWORD (or $NAME)
            defaults: --bootstrap localhost:9092 --registry http://localhost:8081 --sandbox http://localhost:8081
              --poller http://localhost:8091""";

    private Cli() {
    }

    public static void main(String[] args) {
        // Before the first logger exists: the Kafka clients would otherwise log INFO lines into the JSON output.
        System.setProperty("logback.configurationFile", "io/crmbridge/local/cli/logback-cli.xml");
        System.exit(run(args, System.getenv(), System.in, System.out, System.err));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), in, out, err);
    }

    /** {@code env}: the environment, where the poller's credentials are read. */
    static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        try {
            CliOptions options = CliOptions.parse(args);
            return switch (options.command()) {
                case "tail" -> new Tail(options).run(out);
                case "send" -> new Send(options).run(in, out);
                case "connections" -> new Connections(options).run(out);
                case "reconnect" -> new Connections(options).reconnect(options.argument(), out);
                case "expire-token" -> new SandboxAdmin(options.sandbox()).expireRefreshTokens(options.argument(), out);
                case "subscriptions" -> Subscriptions.of(options, env).run(out);
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
