package io.crmbridge.local.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.crmbridge.local.cli.Cli.UsageException;

/**
 * The JSON body of {@code PUT /api/subscriptions/{connection}/{table}} from the options of {@code subscriptions add}:
 * {@code --columns a,b} → {@code columns}, {@code --strategy} → {@code strategy}, {@code --start} → {@code start},
 * {@code --format formatted|raw} → {@code formattedValues} true|false, {@code --interval}, {@code --active-interval},
 * {@code --page-size}, {@code --entity-set}. An option not given is left out, so the poller's default applies: a PUT
 * replaces the whole subscription. The choices are checked here so that a typo is a usage error; everything that
 * needs the table's metadata is the poller's to check.
 */
final class SubscriptionBody {

    private static final Set<String> STRATEGIES = Set.of("CHANGE_TRACKING", "MODIFIED_ON");
    private static final Set<String> STARTS = Set.of("SNAPSHOT", "NOW");

    private SubscriptionBody() {
    }

    static Map<String, Object> of(Map<String, String> options) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (options.containsKey("columns")) {
            body.put("columns", columns(options.get("columns")));
        }
        if (options.containsKey("strategy")) {
            body.put("strategy", choice("strategy", options.get("strategy"), STRATEGIES));
        }
        if (options.containsKey("start")) {
            body.put("start", choice("start", options.get("start"), STARTS));
        }
        if (options.containsKey("format")) {
            body.put("formattedValues", formatted(options.get("format")));
        }
        copy(options, "interval", body, "interval");
        copy(options, "active-interval", body, "activeInterval");
        if (options.containsKey("page-size")) {
            body.put("pageSize", pageSize(options.get("page-size")));
        }
        copy(options, "entity-set", body, "entitySet");
        return body;
    }

    private static List<String> columns(String text) {
        List<String> columns = Arrays.stream(text.split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList();
        if (columns.isEmpty() || columns.stream().anyMatch(c -> !c.matches("[A-Za-z0-9_]+"))) {
            throw new UsageException("--columns takes column logical names separated by commas: " + text);
        }
        return columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
    }

    private static String choice(String option, String value, Set<String> choices) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (!choices.contains(upper)) {
            throw new UsageException("--" + option + " is one of " + String.join("|", choices.stream().sorted()
                    .toList()) + ": " + value);
        }
        return upper;
    }

    private static boolean formatted(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "formatted" -> true;
            case "raw" -> false;
            default -> throw new UsageException("--format is formatted (with Dataverse's formatted values: choice"
                    + " labels, lookup names) or raw: " + value);
        };
    }

    private static int pageSize(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--page-size takes a whole number: " + value);
        }
    }

    private static void copy(Map<String, String> options, String option, Map<String, Object> body, String field) {
        if (options.containsKey(option)) {
            body.put(field, options.get(option));
        }
    }
}
