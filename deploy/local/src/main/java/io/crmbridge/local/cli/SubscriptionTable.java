package io.crmbridge.local.cli;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The poller's list of subscriptions as a table for people: one row per subscription, columns padded to their
 * widest value; the column list last, as it is the longest.
 */
final class SubscriptionTable {

    private static final List<String> HEADINGS = List.of("CONNECTION", "TABLE", "STRATEGY", "START", "FORMAT",
            "INTERVAL", "UPDATED", "COLUMNS");

    private SubscriptionTable() {
    }

    static List<String> lines(JsonNode subscriptions) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (JsonNode s : subscriptions) {
            rows.add(row(s));
        }
        int[] widths = new int[HEADINGS.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        return rows.stream().map(row -> line(row, widths)).toList();
    }

    /** One subscription in a sentence: {@code contoso-app:account CHANGE_TRACKING from SNAPSHOT, columns a, b}. */
    static String summary(JsonNode s) {
        return s.path("connection").asString() + ":" + s.path("table").asString() + " "
                + s.path("strategy").asString() + " from " + s.path("start").asString() + ", "
                + format(s) + " values, every " + s.path("interval").asString() + ", columns " + columns(s);
    }

    private static List<String> row(JsonNode s) {
        return List.of(s.path("connection").asString(), s.path("table").asString(), s.path("strategy").asString(),
                s.path("start").asString(), format(s), s.path("interval").asString(),
                s.path("updatedAt").asString() + " by " + s.path("updatedBy").asString(), columns(s));
    }

    private static String format(JsonNode s) {
        return s.path("formattedValues").asBoolean(false) ? "formatted" : "raw";
    }

    private static String columns(JsonNode s) {
        List<String> columns = new ArrayList<>();
        s.path("columns").forEach(c -> columns.add(c.asString()));
        return columns.isEmpty() ? "(all)" : String.join(",", columns);
    }

    private static String line(List<String> row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
        }
        return line.toString().stripTrailing();
    }
}
