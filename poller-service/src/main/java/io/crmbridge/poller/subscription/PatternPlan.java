package io.crmbridge.poller.subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.metadata.TableMetadata;

/**
 * What a connection's table patterns call for, given what {@code crm.subscriptions} holds and the org's tables
 * now. For each table that the patterns match or that has a subscription the patterns made, the first rule that
 * applies decides:
 * <pre>
 * | # | the table                           | its subscription                  | step                           |
 * |---|-------------------------------------|-----------------------------------|--------------------------------|
 * | 1 | configured under tables.&lt;name&gt;      | any                               | none: the seed rules it        |
 * | 2 | in the org, matched                 | written through the API, or seeded| none: the API (the seed) wins  |
 * | 3 | in the org, matched                 | removed through the API           | none: it stays removed         |
 * | 4 | in the org, matched                 | none                              | Subscribe with the defaults    |
 * | 5 | in the org, matched                 | made by patterns, other settings  | Subscribe (the new settings)   |
 * | 6 | in the org, matched                 | made by patterns, same settings   | none                           |
 * | 7 | in the org, not matched (any more)  | made by patterns                  | Unsubscribe: no longer matches |
 * | 8 | gone from the org                   | made by patterns                  | Unsubscribe: table gone        |
 * </pre>
 * Steps 4 and 5 take the default strategy, except that a table whose change tracking is off gets MODIFIED_ON when
 * the default is CHANGE_TRACKING: never a subscription that cannot work. Planning twice over the same inputs after
 * its steps were applied plans nothing (rule 6), which is what lets every poller instance resolve the patterns.
 */
final class PatternPlan {

    private PatternPlan() {
    }

    /** One change to {@code crm.subscriptions}. */
    sealed interface Step permits Subscribe, Unsubscribe {
        SubscriptionKey key();
    }

    /**
     * Write {@code spec}; {@code strategyFallback}: the table's change tracking is off, so MODIFIED_ON replaced the
     * default CHANGE_TRACKING.
     */
    record Subscribe(SubscriptionSpec spec, boolean created, boolean strategyFallback) implements Step {
        @Override
        public SubscriptionKey key() {
            return spec.key();
        }
    }

    record Unsubscribe(SubscriptionKey key, String reason) implements Step {
    }

    /**
     * The steps for {@code connection}, by table name.
     *
     * @param configured the tables configured by name (rule 1)
     * @param orgTables  every table of the org now
     */
    static List<Step> plan(ConnectionId connection, TablePatterns patterns, Set<String> configured,
                           List<TableMetadata> orgTables, SubscriptionCatalogue catalogue, Instant now) {
        Map<String, TableMetadata> inOrg = new TreeMap<>();
        orgTables.forEach(table -> inOrg.put(table.logicalName(), table));
        List<Step> steps = new ArrayList<>();
        for (TableMetadata table : inOrg.values()) {
            if (!configured.contains(table.logicalName()) && validName(table.logicalName())) {
                step(new SubscriptionKey(connection, table.logicalName()), table, patterns, catalogue, now)
                        .ifPresent(steps::add);
            }
        }
        for (SubscriptionSpec spec : catalogue.specs(connection)) {
            if (spec.madeByPattern() && !inOrg.containsKey(spec.key().entity())
                    && !configured.contains(spec.key().entity())) {
                steps.add(new Unsubscribe(spec.key(), "table '" + spec.key().entity() + "' is gone from the org"));
            }
        }
        return steps;
    }

    /** The steps for a connection without table patterns (any more): its pattern-made subscriptions go (rule 7). */
    static List<Step> withoutPatterns(ConnectionId connection, Set<String> configured,
                                      SubscriptionCatalogue catalogue) {
        return catalogue.specs(connection).stream()
                .filter(spec -> spec.madeByPattern() && !configured.contains(spec.key().entity()))
                .<Step>map(spec -> new Unsubscribe(spec.key(), "the connection has no table patterns any more"))
                .toList();
    }

    private static Optional<Step> step(SubscriptionKey key, TableMetadata table, TablePatterns patterns,
                                                 SubscriptionCatalogue catalogue, Instant now) {
        SubscriptionSpec current = catalogue.spec(key).orElse(null);
        boolean matched = patterns.matches(table.logicalName());
        if (!matched) {
            return current != null && current.madeByPattern()
                    ? Optional.of(new Unsubscribe(key, "table '" + key.entity() + "' no longer matches "
                    + patterns)) : Optional.empty(); // rule 7
        }
        if (current != null && !current.madeByPattern()) {
            return Optional.empty(); // rule 2
        }
        if (current == null && catalogue.removedThroughApi(key)) {
            return Optional.empty(); // rule 3
        }
        PollerSettings.TableDefaults defaults = catalogue.defaults();
        boolean fallback = defaults.strategy() == Strategy.CHANGE_TRACKING && !table.changeTrackingEnabled();
        SubscriptionSpec wanted = new SubscriptionSpec(key, table.entitySetName(), List.of(),
                fallback ? Strategy.MODIFIED_ON : defaults.strategy(), defaults.start(), null, null, null, null,
                current == null ? 0 : current.generation(), now, SubscriptionSpec.PATTERN, null,
                current == null ? defaults.format() : current.format());
        if (wanted.sameSettingsAs(current)) {
            return Optional.empty(); // rule 6
        }
        return Optional.of(new Subscribe(wanted, current == null, fallback)); // rules 4 and 5
    }

    /** Tables whose names cannot be a subscription key are not subscribable (logical names are [a-z0-9_]). */
    private static boolean validName(String logicalName) {
        return logicalName.matches("[a-z0-9_]+");
    }
}
