package io.crmbridge.poller.subscription;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

import io.crmbridge.crm.connection.ConnectionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolving each connection's table patterns against its org's tables (use case): the org's table list is read
 * anew, {@link PatternPlan} decides, and each step goes through {@link SubscriptionAdmin} like an API change
 * (validated against the table's metadata, its change topic prepared, stored on {@code crm.subscriptions}). A
 * connection that cannot be polled now (no grant yet, token expired, disabled) or whose tables cannot be listed (the
 * org unreachable, throttled) keeps what it has and is {@linkplain #pending pending} until a resolution succeeds;
 * a step that fails is planned again at the next resolution.
 */
final class PatternSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(PatternSubscriptions.class);

    private final Map<ConnectionId, TablePatterns> patterns;
    private final Function<ConnectionId, Set<String>> configured;
    private final TableCatalog tables;
    private final SubscriptionCatalogue catalogue;
    private final SubscriptionAdmin admin;
    private final Clock clock;
    private final Predicate<ConnectionId> usable;
    private final Set<ConnectionId> pending = ConcurrentHashMap.newKeySet();

    /** {@code usable}: whether the connection may be polled now (its tables are not asked for otherwise). */
    PatternSubscriptions(Map<ConnectionId, TablePatterns> patterns, Function<ConnectionId, Set<String>> configured,
                         Predicate<ConnectionId> usable, TableCatalog tables, SubscriptionCatalogue catalogue,
                         SubscriptionAdmin admin, Clock clock) {
        this.patterns = Map.copyOf(patterns);
        this.configured = configured;
        this.usable = usable;
        this.tables = tables;
        this.catalogue = catalogue;
        this.admin = admin;
        this.clock = clock;
    }

    /** How one resolution ended: steps applied, and connections or steps left for the next one. */
    record Resolution(int subscribed, int unsubscribed, int deferred) {
    }

    /** Resolves every connection that has patterns or subscriptions made by patterns. */
    Resolution resolveAll() {
        Set<ConnectionId> connections = new TreeSet<>(java.util.Comparator.comparing(ConnectionId::value));
        connections.addAll(patterns.keySet());
        catalogue.specs().stream().filter(SubscriptionSpec::madeByPattern)
                .forEach(spec -> connections.add(spec.key().connection()));
        int subscribed = 0;
        int unsubscribed = 0;
        int deferred = 0;
        for (ConnectionId connection : connections) {
            Resolution one = resolve(connection);
            subscribed += one.subscribed();
            unsubscribed += one.unsubscribed();
            deferred += one.deferred();
        }
        return new Resolution(subscribed, unsubscribed, deferred);
    }

    Resolution resolve(ConnectionId connection) {
        TablePatterns of = patterns.get(connection);
        if (of == null) {
            return apply(connection, PatternPlan.withoutPatterns(connection, configured.apply(connection), catalogue));
        }
        if (!usable.test(connection)) {
            log.info("table patterns of connection {}: it cannot be polled now; resolved once it can", connection);
            pending.add(connection);
            return new Resolution(0, 0, 1);
        }
        TableCatalog.Listing listing = tables.tables(connection);
        if (listing instanceof TableCatalog.Unavailable unavailable) {
            log.warn("table patterns of connection {}: the org's tables cannot be listed now ({}); its subscriptions"
                    + " stay as they are until the next metadata refresh", connection, unavailable.reason());
            pending.add(connection);
            return new Resolution(0, 0, 1);
        }
        pending.remove(connection);
        List<PatternPlan.Step> steps = PatternPlan.plan(connection, of, configured.apply(connection),
                ((TableCatalog.Listed) listing).tables(), catalogue,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return apply(connection, steps);
    }

    /** Whether the last resolution of {@code connection} could not read its tables (it waits for the next one). */
    boolean pending(ConnectionId connection) {
        return pending.contains(connection);
    }

    private Resolution apply(ConnectionId connection, List<PatternPlan.Step> steps) {
        int subscribed = 0;
        int unsubscribed = 0;
        int deferred = 0;
        for (PatternPlan.Step step : steps) {
            boolean done;
            try {
                done = step instanceof PatternPlan.Subscribe subscribe ? subscribe(connection, subscribe)
                        : unsubscribe((PatternPlan.Unsubscribe) step);
            } catch (RuntimeException e) {
                log.warn("table patterns of connection {}: {} failed ({}); tried again at the next metadata refresh",
                        connection, step.key(), e.toString());
                done = false;
            }
            if (!done) {
                deferred++;
            } else if (step instanceof PatternPlan.Subscribe) {
                subscribed++;
            } else {
                unsubscribed++;
            }
        }
        return new Resolution(subscribed, unsubscribed, deferred);
    }

    private boolean subscribe(ConnectionId connection, PatternPlan.Subscribe step) {
        if (step.strategyFallback()) {
            log.info("table patterns of connection {}: table '{}' does not have change tracking enabled, so it is "
                    + "subscribed with MODIFIED_ON instead of the default CHANGE_TRACKING (deletes are then seen only"
                    + " by re-reads)", connection, step.key().entity());
        }
        // Validation reads the table's kept metadata: a table matched now may have changed since it was kept.
        tables.refreshedTable(connection, step.key().entity());
        SubscriptionAdmin.Outcome outcome = admin.put(step.spec(), false, SubscriptionSpec.PATTERN);
        if (outcome instanceof SubscriptionAdmin.Stored) {
            log.info("table patterns of connection {}: {} {} ({})", connection, step.created() ? "subscribed"
                    : "updated", step.key(), step.spec().strategy());
            return true;
        }
        if (outcome instanceof SubscriptionAdmin.Rejected rejected) {
            log.warn("table patterns of connection {}: table '{}' matches but cannot be subscribed: {}", connection,
                    step.key().entity(), String.join("; ", rejected.problems()));
        } else if (outcome instanceof SubscriptionAdmin.Undecided undecided) {
            log.warn("table patterns of connection {}: the metadata of table '{}' cannot be read now ({}); tried "
                    + "again at the next metadata refresh", connection, step.key().entity(), undecided.reason());
        }
        return false;
    }

    private boolean unsubscribe(PatternPlan.Unsubscribe step) {
        if (!(admin.remove(step.key(), SubscriptionSpec.PATTERN) instanceof SubscriptionAdmin.Removed)) {
            return true; // removed meanwhile (by another instance): what the step wanted
        }
        log.info("table patterns: unsubscribed {} ({}); its checkpoint is kept", step.key(), step.reason());
        return true;
    }
}
