package io.crmbridge.poller.subscription;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a subscription against its connection and its table's metadata before it is stored: the table must exist,
 * every column must be one of its columns, and the strategy must suit the table (change tracking enabled for
 * CHANGE_TRACKING, a {@code modifiedon} column for MODIFIED_ON). Every problem is named, so one answer says all
 * that must be fixed.
 */
public final class SubscriptionValidation {

    private final ConnectionStates connections;
    private final TableCatalog tables;

    public SubscriptionValidation(ConnectionStates connections, TableCatalog tables) {
        this.connections = connections;
        this.tables = tables;
    }

    /** What checking {@code spec} found. */
    public sealed interface Verdict permits Valid, Invalid, Undecided {
    }

    /** Fit to store; the entity set is the one the metadata names. */
    public record Valid(SubscriptionSpec spec) implements Verdict {
    }

    public record Invalid(List<String> problems) implements Verdict {
    }

    /** The metadata could not be read: nothing can be said yet. */
    public record Undecided(String reason) implements Verdict {
    }

    public Verdict validate(SubscriptionSpec spec) {
        List<String> problems = settingProblems(spec);
        SubscriptionKey key = spec.key();
        if (connections.orgUrl(key.connection()).isEmpty()) {
            problems.add("connection '" + key.connection() + "' is not defined (no definition on crm.connections and"
                    + " no org URL in crmbridge.poller.connections)");
            return new Invalid(problems);
        }
        TableCatalog.Lookup lookup = tables.table(key.connection(), key.entity());
        if (lookup instanceof TableCatalog.Unavailable unavailable) {
            return problems.isEmpty() ? new Undecided(unavailable.reason()) : new Invalid(problems);
        }
        if (lookup instanceof TableCatalog.Missing) {
            problems.add("table '" + key.entity() + "' does not exist in the org of connection '" + key.connection()
                    + "' (use the table's logical name, e.g. account)");
            return new Invalid(problems);
        }
        var table = ((TableCatalog.Found) lookup).table();
        if (!table.columns().isEmpty()) {
            for (String column : spec.columns()) {
                if (table.column(column).isEmpty()) {
                    problems.add("column '" + column + "' is not a column of table '" + key.entity() + "'");
                }
            }
            if (spec.strategy() == Strategy.MODIFIED_ON && table.column("modifiedon").isEmpty()) {
                problems.add("table '" + key.entity() + "' has no modifiedon column: MODIFIED_ON cannot poll it");
            }
        }
        if (spec.strategy() == Strategy.CHANGE_TRACKING && !table.changeTrackingEnabled()) {
            problems.add("table '" + key.entity() + "' does not have change tracking enabled: enable it (table "
                    + "properties, 'Track changes') or use strategy MODIFIED_ON (deletes are then seen only by "
                    + "re-reads)");
        }
        if (spec.entitySet() != null && !spec.entitySet().equals(table.entitySetName())) {
            problems.add("entitySet '" + spec.entitySet() + "' is not the entity set of table '" + key.entity()
                    + "' (" + table.entitySetName() + "); leave it out");
        }
        if (!problems.isEmpty()) {
            return new Invalid(problems);
        }
        return new Valid(spec.withEntitySet(table.entitySetName()));
    }

    private static List<String> settingProblems(SubscriptionSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec.pageSize() != null && (spec.pageSize() < 1 || spec.pageSize() > Subscription.MAX_PAGE_SIZE)) {
            problems.add("pageSize must be 1 to " + Subscription.MAX_PAGE_SIZE + ": " + spec.pageSize());
        }
        if (spec.interval() != null && !positive(spec.interval())) {
            problems.add("interval must be positive: " + spec.interval());
        }
        if (spec.activeInterval() != null && spec.activeInterval().isNegative()) {
            problems.add("activeInterval must not be negative: " + spec.activeInterval());
        }
        if (spec.columns().stream().distinct().count() < spec.columns().size()) {
            problems.add("columns name a column twice: " + spec.columns());
        }
        return problems;
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
