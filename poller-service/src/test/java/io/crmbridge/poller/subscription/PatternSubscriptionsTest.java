package io.crmbridge.poller.subscription;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.metadata.TableMetadata;
import org.junit.jupiter.api.Test;

import static io.crmbridge.poller.subscription.PatternPlanTest.CONTOSO;
import static io.crmbridge.poller.subscription.PatternPlanTest.DEFAULTS;
import static io.crmbridge.poller.subscription.PatternPlanTest.NOW;
import static io.crmbridge.poller.subscription.PatternPlanTest.table;
import static org.assertj.core.api.Assertions.assertThat;

/** Resolving the patterns through the admin path, with the store and the org's tables in memory. */
class PatternSubscriptionsTest {

    private final SubscriptionCatalogue catalogue = new SubscriptionCatalogue(DEFAULTS);
    private final List<String> writes = new ArrayList<>();
    private final List<SubscriptionKey> heard = new ArrayList<>();
    private final OrgTables org = new OrgTables();
    private final ConnectionStates connections = new ConnectionStates();
    private volatile boolean usable = true;
    private final SubscriptionStore store = new SubscriptionStore() {
        @Override
        public void write(SubscriptionSpec spec) {
            writes.add("write " + spec.key());
            catalogue.defined(spec);
        }

        @Override
        public void remove(SubscriptionKey key, String removedBy) {
            writes.add("remove " + key + " by " + removedBy);
            catalogue.removed(key, removedBy);
        }
    };
    private final SubscriptionAdmin admin = new SubscriptionAdmin(catalogue, new SubscriptionValidation(connections,
            org), store, (key, format) -> { }, Clock.fixed(NOW, ZoneOffset.UTC));

    {
        connections.defined(CONTOSO, URI.create("https://contoso.crm4.dynamics.com"), true);
        catalogue.onChange(heard::add);
    }

    private PatternSubscriptions resolving(String... include) {
        return new PatternSubscriptions(Map.of(CONTOSO, TablePatterns.of("contoso", List.of(include), List.of())),
                connection -> Set.of(), connection -> usable, org, catalogue, admin, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void publishesEachMatchedTableOnceAndAResolutionAgainChangesNothing() {
        org.add(table("account", "accounts", true), table("lead", "leads", false), table("contact", "contacts", true));
        PatternSubscriptions patterns = resolving("account", "lead");

        assertThat(patterns.resolveAll()).isEqualTo(new PatternSubscriptions.Resolution(2, 0, 0));
        assertThat(catalogue.spec(SubscriptionKey.of("contoso", "lead")).orElseThrow().strategy())
                .isEqualTo(Strategy.MODIFIED_ON);
        assertThat(catalogue.spec(SubscriptionKey.of("contoso", "account")).orElseThrow().updatedBy())
                .isEqualTo(SubscriptionSpec.PATTERN);
        writes.clear();
        heard.clear();

        assertThat(patterns.resolveAll()).isEqualTo(new PatternSubscriptions.Resolution(0, 0, 0));
        assertThat(writes).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void writingTheSameSpecAgainAsAnotherInstanceWouldRestartsNothing() {
        org.add(table("account", "accounts", true));
        resolving("account").resolveAll();
        SubscriptionSpec first = catalogue.spec(SubscriptionKey.of("contoso", "account")).orElseThrow();
        heard.clear();

        catalogue.defined(first.writtenBy(SubscriptionSpec.PATTERN, NOW.plusSeconds(60), first, false));

        assertThat(heard).as("same settings, later time: no listener restarts capture").isEmpty();
    }

    @Test
    void keepsWhatExistsWhenTheOrgsTablesCannotBeListed() {
        org.add(table("account", "accounts", true));
        PatternSubscriptions patterns = resolving("account");
        patterns.resolveAll();
        writes.clear();
        org.unavailable = true;

        assertThat(patterns.resolveAll()).isEqualTo(new PatternSubscriptions.Resolution(0, 0, 1));
        assertThat(writes).isEmpty();
        assertThat(catalogue.spec(SubscriptionKey.of("contoso", "account"))).isPresent();
        assertThat(patterns.pending(CONTOSO)).isTrue();
    }

    @Test
    void asksNothingOfAConnectionThatCannotBePolledNowAndKeepsItPendingUntilAResolutionSucceeds() {
        org.add(table("account", "accounts", true));
        PatternSubscriptions patterns = resolving("account");
        usable = false;

        assertThat(patterns.resolveAll()).isEqualTo(new PatternSubscriptions.Resolution(0, 0, 1));
        assertThat(patterns.pending(CONTOSO)).isTrue();
        assertThat(org.listed).isZero();
        usable = true;

        assertThat(patterns.resolve(CONTOSO)).isEqualTo(new PatternSubscriptions.Resolution(1, 0, 0));
        assertThat(patterns.pending(CONTOSO)).isFalse();
    }

    @Test
    void unsubscribesATableGoneFromTheOrgAndSaysThePatternsRemovedIt() {
        org.add(table("account", "accounts", true), table("cr123_project", "cr123_projects", true));
        PatternSubscriptions patterns = resolving("account", "cr123_*");
        patterns.resolveAll();
        org.tables.remove("cr123_project");

        assertThat(patterns.resolveAll()).isEqualTo(new PatternSubscriptions.Resolution(0, 1, 0));
        assertThat(writes).last().isEqualTo("remove contoso:cr123_project by " + SubscriptionSpec.PATTERN);
        assertThat(catalogue.removedThroughApi(SubscriptionKey.of("contoso", "cr123_project"))).isFalse();
    }

    @Test
    void doesNotBringBackATableAnAdminRemovedThroughTheApi() {
        org.add(table("account", "accounts", true));
        PatternSubscriptions patterns = resolving("account");
        patterns.resolveAll();
        admin.remove(SubscriptionKey.of("contoso", "account"));
        writes.clear();

        patterns.resolveAll();

        assertThat(writes).isEmpty();
        assertThat(catalogue.spec(SubscriptionKey.of("contoso", "account"))).isEmpty();
    }

    @Test
    void skipsAMatchedTableTheValidationRejectsAndTriesItAgainNextTime() {
        org.add(new TableMetadata("note", "notes", "noteid", false, Map.of(), Map.of()));
        org.columns.put("note", new TableMetadata("note", "notes", "noteid", false,
                Map.of("noteid", io.crmbridge.crm.metadata.ColumnType.UNIQUEIDENTIFIER), Map.of()));

        assertThat(resolving("note").resolveAll()).as("no modifiedon column: MODIFIED_ON cannot poll it either")
                .isEqualTo(new PatternSubscriptions.Resolution(0, 0, 1));
        assertThat(catalogue.specs()).isEmpty();
    }

    /** The org's tables in memory; a table's metadata is its listed entry unless {@link #columns} has one. */
    private static final class OrgTables implements TableCatalog {
        final Map<String, TableMetadata> tables = new ConcurrentHashMap<>();
        final Map<String, TableMetadata> columns = new ConcurrentHashMap<>();
        volatile boolean unavailable;
        volatile int listed;

        void add(TableMetadata... listed) {
            for (TableMetadata table : listed) {
                tables.put(table.logicalName(), table);
            }
        }

        @Override
        public Lookup table(ConnectionId connection, String logicalName) {
            if (unavailable) {
                return new Unavailable("unreachable");
            }
            TableMetadata table = columns.getOrDefault(logicalName, tables.get(logicalName));
            return table == null ? new Missing() : new Found(table);
        }

        @Override
        public Lookup refreshedTable(ConnectionId connection, String logicalName) {
            return table(connection, logicalName);
        }

        @Override
        public Listing tables(ConnectionId connection) {
            listed++;
            return unavailable ? new Unavailable("unreachable") : new Listed(List.copyOf(tables.values()));
        }
    }
}
