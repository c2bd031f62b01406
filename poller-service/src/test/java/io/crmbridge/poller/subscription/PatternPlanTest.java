package io.crmbridge.poller.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.metadata.TableMetadata;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PatternPlan}'s decision table, rule by rule. */
class PatternPlanTest {

    static final PollerSettings.TableDefaults DEFAULTS = new PollerSettings.TableDefaults(Strategy.CHANGE_TRACKING,
            Duration.ofSeconds(1), Duration.ofMillis(250), 5000, StartPosition.SNAPSHOT, true, ChangeFormat.GENERIC);
    static final ConnectionId CONTOSO = ConnectionId.of("contoso");
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final TableMetadata ACCOUNT = table("account", "accounts", true);
    static final TableMetadata LEAD = table("lead", "leads", false);
    static final TableMetadata PROJECT = table("cr123_project", "cr123_projects", true);
    static final TableMetadata AUDIT = table("cr123_audit", "cr123_audits", true);

    private final TablePatterns patterns = TablePatterns.of("contoso", List.of("account", "lead", "cr123_*"),
            List.of("*_audit"));
    private final SubscriptionCatalogue catalogue = new SubscriptionCatalogue(DEFAULTS);

    @Test
    void subscribesEveryMatchedTableWithTheDefaultsAndLeavesOutExcludedAndUnmatchedOnes() { // rule 4
        List<PatternPlan.Step> steps = plan(Set.of(), ACCOUNT, PROJECT, AUDIT, table("contact", "contacts", true));

        assertThat(steps).extracting(step -> step.key().entity()).containsExactly("account", "cr123_project");
        PatternPlan.Subscribe account = (PatternPlan.Subscribe) steps.get(0);
        assertThat(account.created()).isTrue();
        assertThat(account.strategyFallback()).isFalse();
        assertThat(account.spec()).satisfies(spec -> {
            assertThat(spec.entitySet()).isEqualTo("accounts");
            assertThat(spec.strategy()).isEqualTo(Strategy.CHANGE_TRACKING);
            assertThat(spec.start()).isEqualTo(StartPosition.SNAPSHOT);
            assertThat(spec.columns()).isEmpty();
            assertThat(spec.interval()).as("unset: the defaults apply when it runs").isNull();
            assertThat(spec.madeByPattern()).isTrue();
        });
    }

    @Test
    void givesATableWithoutChangeTrackingModifiedOnInsteadOfTheDefaultChangeTracking() { // rule 4
        PatternPlan.Subscribe lead = (PatternPlan.Subscribe) plan(Set.of(), LEAD).get(0);

        assertThat(lead.spec().strategy()).isEqualTo(Strategy.MODIFIED_ON);
        assertThat(lead.strategyFallback()).isTrue();
    }

    @Test
    void leavesATableConfiguredByNameToItsSeed() { // rule 1
        catalogue.defined(spec("account", Strategy.MODIFIED_ON, SubscriptionSpec.SEED));

        assertThat(plan(Set.of("account"), ACCOUNT)).isEmpty();
    }

    @Test
    void neverTouchesASubscriptionWrittenThroughTheApiOrSeeded() { // rule 2
        catalogue.defined(spec("account", Strategy.MODIFIED_ON, "poller-admin"));
        catalogue.defined(spec("cr123_project", Strategy.MODIFIED_ON, SubscriptionSpec.SEED));

        assertThat(plan(Set.of(), ACCOUNT, PROJECT)).isEmpty();
    }

    @Test
    void leavesOutATableWhoseSubscriptionWasRemovedThroughTheApi() { // rule 3
        catalogue.defined(spec("account", Strategy.CHANGE_TRACKING, SubscriptionSpec.PATTERN));
        catalogue.removed(SubscriptionKey.of("contoso", "account"));

        assertThat(plan(Set.of(), ACCOUNT)).isEmpty();
    }

    @Test
    void subscribesAgainATableThePatternsThemselvesUnsubscribed() { // rule 4 after 8
        catalogue.defined(spec("account", Strategy.CHANGE_TRACKING, SubscriptionSpec.PATTERN));
        catalogue.removed(SubscriptionKey.of("contoso", "account"), SubscriptionSpec.PATTERN);

        assertThat(plan(Set.of(), ACCOUNT)).extracting(PatternPlan.Step::key)
                .containsExactly(SubscriptionKey.of("contoso", "account"));
    }

    @Test
    void rewritesAPatternMadeSubscriptionWhoseTableNowTracksChanges() { // rule 5
        catalogue.defined(spec("lead", Strategy.MODIFIED_ON, SubscriptionSpec.PATTERN));

        List<PatternPlan.Step> steps = plan(Set.of(), table("lead", "leads", true));

        assertThat(steps).singleElement().isInstanceOfSatisfying(PatternPlan.Subscribe.class, step -> {
            assertThat(step.created()).isFalse();
            assertThat(step.spec().strategy()).isEqualTo(Strategy.CHANGE_TRACKING);
        });
    }

    @Test
    void plansNothingForWhatItPublishedBefore() { // rule 6
        plan(Set.of(), ACCOUNT, LEAD, PROJECT).forEach(step -> catalogue.defined(((PatternPlan.Subscribe) step)
                .spec().writtenBy(SubscriptionSpec.PATTERN, NOW.plusSeconds(1), null, false)));

        assertThat(plan(Set.of(), ACCOUNT, LEAD, PROJECT)).isEmpty();
    }

    @Test
    void unsubscribesAPatternMadeSubscriptionWhoseTableNoLongerMatches() { // rule 7
        catalogue.defined(spec("contact", Strategy.CHANGE_TRACKING, SubscriptionSpec.PATTERN));
        catalogue.defined(spec("cr123_audit", Strategy.CHANGE_TRACKING, SubscriptionSpec.PATTERN));

        List<PatternPlan.Step> steps = plan(Set.of(), table("contact", "contacts", true), AUDIT);

        assertThat(steps).allSatisfy(step -> assertThat(step).isInstanceOf(PatternPlan.Unsubscribe.class))
                .extracting(step -> step.key().entity()).containsExactly("contact", "cr123_audit");
        assertThat(((PatternPlan.Unsubscribe) steps.get(1)).reason()).contains("no longer matches");
    }

    @Test
    void unsubscribesAPatternMadeSubscriptionWhoseTableIsGoneButNoOther() { // rule 8
        catalogue.defined(spec("cr123_project", Strategy.CHANGE_TRACKING, SubscriptionSpec.PATTERN));
        catalogue.defined(spec("cr123_invoice", Strategy.CHANGE_TRACKING, "poller-admin"));
        catalogue.defined(new SubscriptionSpec(new SubscriptionKey(ConnectionId.of("fabrikam"), "cr123_project"),
                "cr123_projects", List.of(), Strategy.CHANGE_TRACKING, StartPosition.SNAPSHOT, null, null, null, null,
                0, NOW, SubscriptionSpec.PATTERN));

        assertThat(plan(Set.of(), ACCOUNT)).extracting(step -> step.key().toString())
                .containsExactly("contoso:account", "contoso:cr123_project");
        assertThat(plan(Set.of(), ACCOUNT).get(1)).isInstanceOfSatisfying(PatternPlan.Unsubscribe.class,
                step -> assertThat(step.reason()).contains("gone from the org"));
    }

    @Test
    void withoutPatternsUnsubscribesOnlyWhatPatternsMade() { // rule 7, every table
        catalogue.defined(spec("account", Strategy.CHANGE_TRACKING, SubscriptionSpec.PATTERN));
        catalogue.defined(spec("lead", Strategy.MODIFIED_ON, "poller-admin"));
        catalogue.defined(spec("contact", Strategy.CHANGE_TRACKING, SubscriptionSpec.SEED));

        assertThat(PatternPlan.withoutPatterns(CONTOSO, Set.of(), catalogue)).extracting(PatternPlan.Step::key)
                .containsExactly(SubscriptionKey.of("contoso", "account"));
    }

    private List<PatternPlan.Step> plan(Set<String> configured, TableMetadata... tables) {
        return PatternPlan.plan(CONTOSO, patterns, configured, List.of(tables), catalogue, NOW);
    }

    static TableMetadata table(String name, String entitySet, boolean tracked) {
        return new TableMetadata(name, entitySet, name + "id", tracked, Map.of(), Map.of());
    }

    static SubscriptionSpec spec(String table, Strategy strategy, String by) {
        return new SubscriptionSpec(new SubscriptionKey(CONTOSO, table), SubscriptionSpec.plural(table), List.of(),
                strategy, StartPosition.SNAPSHOT, null, null, null, null, 0, NOW, by);
    }
}
