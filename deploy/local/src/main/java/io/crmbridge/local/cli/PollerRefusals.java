package io.crmbridge.local.cli;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * What an answer of the poller other than 2xx means, as the message the command fails with (exit 1; the poller
 * changed nothing). Rule by rule:
 * <ul>
 * <li>400: the subscription was refused; each of the body's {@code problems} on its own line;</li>
 * <li>401: the credentials were refused (the user is named, the password never);</li>
 * <li>404 for a table: there is no such subscription, except a snapshot of one that exists, which means a poller
 * older than the snapshot endpoint; 404 for a list: no subscriptions API at that URL;</li>
 * <li>503: the poller cannot decide now (the table's metadata cannot be read), with its reason;</li>
 * <li>anything else: its status and body.</li>
 * </ul>
 */
final class PollerRefusals {

    private PollerRefusals() {
    }

    static String explain(Subscriptions.Action action, PollerAdmin poller, PollerAdmin.Answer answer) {
        return switch (answer.status()) {
            case 400 -> "the poller refused " + action.key() + ", nothing changed:" + problems(answer.body());
            case 401 -> "the poller at " + poller.base() + " refused the credentials of user " + poller.user()
                    + " (check --user, and " + PollerAdmin.PASSWORD_ENV + " or the variable of --password-env)";
            case 404 -> notFound(action, poller);
            case 503 -> "the poller cannot answer now, nothing changed: " + lenient(answer.body()).path("error")
                    .asString(answer.body());
            default -> "the poller answered " + answer.status() + ": " + answer.body();
        };
    }

    private static String notFound(Subscriptions.Action action, PollerAdmin poller) {
        if (action.table().isEmpty()) {
            return "the poller at " + poller.base() + " has no subscriptions API";
        }
        // The snapshot endpoint is newer than the rest: tell an older poller from a missing subscription.
        if (action.name().equals("snapshot")
                && poller.send(poller.get(action.connection().orElseThrow(), action.table().orElseThrow()))
                .status() == 200) {
            return "the poller at " + poller.base() + " has no snapshot endpoint (an older version?)";
        }
        return "there is no subscription " + action.key();
    }

    private static String problems(String body) {
        List<String> problems = new ArrayList<>();
        lenient(body).path("problems").forEach(p -> problems.add(p.asString()));
        if (problems.isEmpty()) {
            problems.add(body);
        }
        return problems.stream().map(p -> System.lineSeparator() + "  " + p).reduce("", String::concat);
    }

    // An error's body may come from a proxy in between: not JSON is no JSON node.
    private static JsonNode lenient(String body) {
        try {
            return Subscriptions.parse(body);
        } catch (IllegalStateException e) {
            return MissingNode.getInstance();
        }
    }
}
