package io.crmbridge.poller.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionCatalogueTest {

    private static final PollerSettings.TableDefaults DEFAULTS = new PollerSettings.TableDefaults(
            Strategy.CHANGE_TRACKING, Duration.ofSeconds(1), Duration.ofMillis(250), 5000, StartPosition.SNAPSHOT, true,
            ChangeFormat.GENERIC);
    private static final SubscriptionKey ACCOUNTS = SubscriptionKey.of("contoso", "account");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final SubscriptionCatalogue catalogue = new SubscriptionCatalogue(DEFAULTS);
    private final List<SubscriptionKey> heard = new ArrayList<>();

    {
        catalogue.onChange(heard::add);
    }

    @Test
    void resolvesUnsetSettingsFromTheDefaultsAndTheEntitySetFromTheLogicalName() {
        catalogue.defined(spec(List.of("name"), null, "api"));

        Subscription subscription = catalogue.subscription(ACCOUNTS).orElseThrow();
        assertThat(subscription.entitySet()).isEqualTo("accounts");
        assertThat(subscription.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(subscription.pageSize()).isEqualTo(5000);
        assertThat(subscription.columns()).containsExactly("name");
        assertThat(heard).containsExactly(ACCOUNTS);
    }

    @Test
    void tellsItsListenersOnlyOfChangesToWhatIsCaptured() {
        catalogue.defined(spec(List.of("name"), 100, "api"));
        catalogue.defined(new SubscriptionSpec(ACCOUNTS, null, List.of("name"), Strategy.CHANGE_TRACKING,
                StartPosition.SNAPSHOT, null, null, 100, null, 0, T0.plusSeconds(60), "someone else"));
        assertThat(heard).as("the same settings again: nothing to restart").hasSize(1);

        catalogue.defined(spec(List.of("name", "revenue"), 100, "api"));
        catalogue.removed(ACCOUNTS);
        catalogue.removed(ACCOUNTS);

        assertThat(heard).containsExactly(ACCOUNTS, ACCOUNTS, ACCOUNTS);
        assertThat(catalogue.subscriptions()).isEmpty();
    }

    @Test
    void seedsWhatIsNewOrChangedInConfigurationButNeverOverwritesAnApiWrite() {
        SubscriptionKey contacts = SubscriptionKey.of("contoso", "contact");
        SubscriptionKey leads = SubscriptionKey.of("contoso", "lead");
        catalogue.defined(spec(List.of("name"), null, "alice"));
        catalogue.defined(seed(contacts, List.of("fullname")));
        catalogue.defined(seed(leads, List.of("subject")));

        List<SubscriptionSpec> toPublish = catalogue.seedsToPublish(List.of(seed(ACCOUNTS, List.of("other")),
                seed(contacts, List.of("fullname", "emailaddress1")), seed(leads, List.of("subject")),
                seed(SubscriptionKey.of("contoso", "opportunity"), List.of())));

        assertThat(toPublish).extracting(s -> s.key().entity()).containsExactly("contact", "opportunity");
    }

    @Test
    void aResetRaisesTheGenerationTheSubscriptionRunsWith() {
        SubscriptionSpec first = spec(List.of("name"), null, "api");
        SubscriptionSpec again = first.writtenBy("bob", T0.plusSeconds(5), first, false);
        SubscriptionSpec reset = first.writtenBy("bob", T0.plusSeconds(9), again, true);

        assertThat(again.generation()).isZero();
        assertThat(reset.generation()).isEqualTo(1);
        assertThat(reset.resolve(DEFAULTS).generation()).isEqualTo(1);
        assertThat(reset.updatedBy()).isEqualTo("bob");
        assertThat(reset.sameSettingsAs(again)).as("a reset is a change").isFalse();
    }

    @Test
    void aSeedReplacesWhatTablePatternsMadeOfTheSameTable() {
        catalogue.defined(spec(List.of(), null, SubscriptionSpec.PATTERN));

        assertThat(catalogue.seedsToPublish(List.of(seed(ACCOUNTS, List.of("name"))))).hasSize(1);
    }

    @Test
    void knowsWhichSubscriptionsWereRemovedThroughTheApiUntilTheyAreDefinedAgain() {
        SubscriptionKey leads = SubscriptionKey.of("contoso", "lead");
        catalogue.defined(spec(List.of(), null, SubscriptionSpec.PATTERN));
        catalogue.removed(ACCOUNTS);
        catalogue.removed(leads, SubscriptionSpec.PATTERN);

        assertThat(catalogue.removedThroughApi(ACCOUNTS)).isTrue();
        assertThat(catalogue.removedThroughApi(leads)).as("the patterns removed it").isFalse();
        catalogue.defined(spec(List.of(), null, "poller-admin"));
        assertThat(catalogue.removedThroughApi(ACCOUNTS)).isFalse();
    }

    private static SubscriptionSpec spec(List<String> columns, Integer pageSize, String author) {
        return new SubscriptionSpec(ACCOUNTS, null, columns, Strategy.CHANGE_TRACKING, StartPosition.SNAPSHOT, null,
                null, pageSize, null, 0, T0, author);
    }

    private static SubscriptionSpec seed(SubscriptionKey key, List<String> columns) {
        return SubscriptionSpec.seed(key, new PollerSettings.TableSettings(null, columns, null, null, null, null,
                null, null, null), DEFAULTS, T0);
    }
}
