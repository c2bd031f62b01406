package io.crmbridge.poller.subscription;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollerSettingsTest {

    @Test
    void givesEveryConfiguredTableTheDefaultsItDoesNotOverride() {
        PollerSettings settings = bind(Map.of(
                "crmbridge.poller.defaults.interval", "2s",
                "crmbridge.poller.connections.contoso.tables.account.select", "name,revenue",
                "crmbridge.poller.connections.contoso.tables.lead.strategy", "MODIFIED_ON",
                "crmbridge.poller.connections.contoso.tables.lead.page-size", "500",
                "crmbridge.poller.connections.contoso.tables.lead.start", "NOW"));

        assertThat(settings.subscriptions()).containsExactlyInAnyOrder(
                new Subscription(SubscriptionKey.of("contoso", "account"), "accounts", List.of("name", "revenue"),
                        Strategy.CHANGE_TRACKING, Duration.ofSeconds(2), Duration.ofMillis(250), 5000, StartPosition.SNAPSHOT, true),
                new Subscription(SubscriptionKey.of("contoso", "lead"), "leads", List.of(), Strategy.MODIFIED_ON,
                        Duration.ofSeconds(2), Duration.ofMillis(250), 500, StartPosition.NOW, true));
    }

    @Test
    void hasTheDocumentedDefaults() {
        PollerSettings settings = bind(Map.of());

        assertThat(settings.defaults()).isEqualTo(new PollerSettings.TableDefaults(Strategy.CHANGE_TRACKING,
                Duration.ofSeconds(1), Duration.ofMillis(250), 5000, StartPosition.SNAPSHOT, true, ChangeFormat.GENERIC));
        assertThat(settings.changeTopicTemplate()).isEqualTo("{prefix}.changes.{entity}");
        assertThat(settings.groupId()).isEqualTo("crmbridge-poller");
        assertThat(settings.subscriptions()).isEmpty();
    }

    @Test
    void takesTheOrgUrlOfAConnectionFromConfigurationWhenGiven() {
        PollerSettings settings = bind(Map.of("crmbridge.poller.connections.contoso.org-url",
                "https://contoso.crm4.dynamics.com"));

        assertThat(settings.configuredOrgUrls()).containsValue(java.net.URI.create("https://contoso.crm4.dynamics.com"));
    }

    @Test
    void namesEntitySetsAsDataverseNamesStandardTables() {
        assertThat(SubscriptionSpec.plural("account")).isEqualTo("accounts");
        assertThat(SubscriptionSpec.plural("opportunity")).isEqualTo("opportunities");
        assertThat(SubscriptionSpec.plural("cr123_project")).isEqualTo("cr123_projects");
        assertThat(SubscriptionSpec.plural("businessunit_address")).isEqualTo("businessunit_addresses");
    }

    @Test
    void refusesAQuietCommitIntervalThatWouldLetAnIdleTablesDeltaLinkExpire() {
        assertThatThrownBy(() -> bind(Map.of("crmbridge.poller.quiet-commit-interval", "4d")))
                .hasStackTraceContaining("crmbridge.poller.quiet-commit-interval (PT96H) must be at most half of "
                        + "crmbridge.poller.change-tracking-retention (PT168H)");
        assertThat(bind(Map.of("crmbridge.poller.quiet-commit-interval", "10d",
                "crmbridge.poller.change-tracking-retention", "30d")).quietCommitInterval())
                .isEqualTo(Duration.ofDays(10));
        assertThat(bind(Map.of()).tombstonesOnDelete()).isTrue();
        assertThat(bind(Map.of()).changeTrackingRetention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void readsEachConnectionsTablePatternsAndTheMetadataRefresh() {
        PollerSettings settings = bind(Map.of(
                "crmbridge.poller.connections.contoso.include", "account,contact,cr123_*",
                "crmbridge.poller.connections.contoso.exclude[0]", "*_audit",
                "crmbridge.poller.connections.contoso.tables.lead.strategy", "MODIFIED_ON",
                "crmbridge.poller.connections.fabrikam.tables.account.select", "name",
                "crmbridge.poller.metadata-refresh", "2m"));

        TablePatterns contoso = settings.tablePatterns().get(io.crmbridge.crm.connection.ConnectionId.of("contoso"));
        assertThat(contoso.matches("cr123_project")).isTrue();
        assertThat(contoso.matches("cr123_audit")).isFalse();
        assertThat(settings.tablePatterns()).as("fabrikam has no patterns").hasSize(1);
        assertThat(settings.configuredTables(io.crmbridge.crm.connection.ConnectionId.of("contoso")))
                .containsExactly("lead");
        assertThat(settings.metadataRefresh()).isEqualTo(Duration.ofMinutes(2));
        assertThat(bind(Map.of()).metadataRefresh()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void refusesAPatternThatIsNotOneAtStartUp() {
        assertThatThrownBy(() -> bind(Map.of("crmbridge.poller.connections.contoso.include", "account,cr123-*")))
                .hasStackTraceContaining("crmbridge.poller.connections.contoso.include[1] 'cr123-*' is not a table"
                        + " pattern");
        assertThatThrownBy(() -> bind(Map.of("crmbridge.poller.metadata-refresh", "0s")))
                .hasStackTraceContaining("crmbridge.poller.metadata-refresh must be positive");
    }

    private static PollerSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("crmbridge.poller", PollerSettings.class);
    }
}
