package io.crmbridge.poller;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.crmbridge.events.ChangeSource;
import io.crmbridge.events.ChangeType;
import io.crmbridge.events.DateTimeValue;
import io.crmbridge.events.DecimalValue;
import io.crmbridge.events.EntityReference;
import io.crmbridge.events.OptionSetValue;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.sandbox.admin.Fault;
import io.crmbridge.sandbox.admin.FaultRule;
import io.crmbridge.sandbox.dataverse.ServiceProtectionLimits;
import io.crmbridge.sandbox.dataverse.Table;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Capture from the sandbox over HTTPS into a real broker, read back with read_committed. One poller instance polls
 * one connection (a sandbox org of its own) per test, as a poller of several connections does.
 */
class CaptureIT {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static PollerRig rig;
    private static Scenario scenario;
    private static ConfigurableApplicationContext poller;
    private static UUID crudContact;
    private static UUID crudAccount;

    @BeforeAll
    static void start() {
        rig = new PollerRig();
        scenario = rig.scenario("capture");
        Table contacts = scenario.org("crud").table("contact");
        crudContact = contacts.create(Map.of("firstname", "Susanna", "lastname", "Stubberod"));
        crudAccount = scenario.org("crud").table("account").create(Map.of("name", "Contoso",
                "revenue", new BigDecimal("20000.0000"), "industrycode", 7, "primarycontactid", crudContact,
                "creditonhold", true, "numberofemployees", 120,
                "lastusedincampaign", Instant.parse("2024-03-01T10:15:30Z")));
        createAccounts("expiry", 5);
        for (String connection : List.of("crud", "expiry", "throttled", "flaky", "leads", "poked")) {
            scenario.connect(connection);
        }
        scenario.poll("crud", "account", "name", "revenue", "industrycode", "primarycontactid", "creditonhold",
                        "numberofemployees", "lastusedincampaign")
                .poll("expiry", "account", "name").with("crmbridge.poller.connections.expiry.tables.account.page-size", 2)
                .poll("throttled", "account", "name")
                .poll("flaky", "account", "name")
                .poll("leads", "lead", "subject").with("crmbridge.poller.connections.leads.tables.lead.strategy",
                        "MODIFIED_ON")
                .poll("poked", "account", "name").with("crmbridge.poller.connections.poked.tables.account.interval",
                        "1h");
        poller = scenario.startPoller();
    }

    @AfterAll
    static void stop() {
        scenario.close();
        rig.close();
    }

    @Test
    void publishesCreatesUpdatesAndDeletesOnceEachWithTheirChangeTypeAndTypedAttributes() {
        await().atMost(WAIT).until(() -> scenario.changes("crud", "account").size() == 1);
        RecordChanged snapshot = scenario.changes("crud", "account").get(0);
        assertThat(snapshot.getChangeType()).isEqualTo(ChangeType.SNAPSHOT);
        assertThat(snapshot.getRecordId()).isEqualTo(crudAccount.toString());
        assertThat(snapshot.getSource()).isEqualTo(ChangeSource.CHANGE_TRACKING);
        assertThat(snapshot.getAttributes()).containsEntry("name", "Contoso")
                .containsEntry("revenue", new DecimalValue("20000.0000"))
                .containsEntry("creditonhold", true)
                .containsEntry("numberofemployees", 120)
                .containsEntry("lastusedincampaign", new DateTimeValue(Instant.parse("2024-03-01T10:15:30Z")))
                .containsEntry("industrycode", new OptionSetValue(7, "Consulting"))
                .containsEntry("primarycontactid", new EntityReference("contact", crudContact.toString(),
                        "Susanna Stubberod"));

        Table accounts = scenario.org("crud").table("account");
        UUID created = accounts.create(Map.of("name", "Fabrikam"));
        accounts.update(crudAccount, Map.of("name", "Contoso Ltd"));
        await().atMost(WAIT).until(() -> scenario.changes("crud", "account").size() == 3);
        // Deleted only once its creation is published: created and deleted between two polls, a row is only DELETED.
        accounts.delete(created);
        await().atMost(WAIT).untilAsserted(() -> assertThat(scenario.changes("crud", "account"))
                .extracting(c -> c.getRecordId() + " " + c.getChangeType()).containsExactlyInAnyOrder(
                        crudAccount + " SNAPSHOT", created + " CREATED", crudAccount + " UPDATED",
                        created + " DELETED"));

        List<RecordChanged> changes = scenario.changes("crud", "account");
        RecordChanged update = changes.stream().filter(c -> c.getChangeType() == ChangeType.UPDATED).findFirst()
                .orElseThrow();
        assertThat(update.getAttributes()).containsEntry("name", "Contoso Ltd");
        assertThat(update.getVersion()).isGreaterThan(snapshot.getVersion());
        assertThat(update.getChangedAt()).isNotNull();
        RecordChanged delete = changes.stream().filter(c -> c.getChangeType() == ChangeType.DELETED).findFirst()
                .orElseThrow();
        assertThat(delete.getAttributes()).isEmpty();
        assertThat(changes).extracting(RecordChanged::getEventId).doesNotHaveDuplicates();
        assertThat(scenario.tombstones("crud", "account")).as("the delete's tombstone").isEqualTo(1);
        assertThat(scenario.tombstoneMismatches("crud", "account")).isEmpty();
    }

    @Test
    void resyncsAfterAnExpiredDeltaTokenWithoutPublishingUnchangedRowsAgain() {
        await().atMost(WAIT).until(() -> scenario.changes("expiry", "account").size() == 5);
        Table accounts = scenario.org("expiry").table("account");
        UUID first = UUID.fromString(scenario.changes("expiry", "account").get(0).getRecordId());
        accounts.update(first, Map.of("name", "seen by a delta"));
        await().atMost(WAIT).until(() -> scenario.changes("expiry", "account").size() == 6);

        scenario.org("expiry").breakDeltaTokens();
        UUID second = UUID.fromString(scenario.changes("expiry", "account").get(1).getRecordId());
        accounts.update(second, Map.of("name", "changed while the token was expired"));
        UUID created = accounts.create(Map.of("name", "created while the token was expired"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(scenario.changes("expiry", "account"))
                .extracting(c -> c.getRecordId() + " " + c.getChangeType())
                .contains(second + " UPDATED", created + " CREATED"));
        assertThat(meters().counter("crmbridge.poller.resyncs", "connection", "expiry", "entity", "account").count())
                .isGreaterThanOrEqualTo(1);
        assertExactlyOnce("expiry", accounts);
        assertThat(scenario.changes("expiry", "account")).hasSize(8);
    }

    @Test
    void honoursRetryAfterWhileThrottledAndLosesNothing() {
        Table accounts = scenario.org("throttled").table("account");
        await().atMost(WAIT).until(() -> scenario.org("throttled").requestCounts().withStatus(200) > 0);
        scenario.org("throttled").throttle(ServiceProtectionLimits.defaults().withRequests(4, Duration.ofSeconds(3)));
        try {
            List<UUID> ids = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                ids.add(accounts.create(Map.of("name", "throttled " + round)));
                int expected = ids.size();
                await().atMost(WAIT).until(() -> scenario.changes("throttled", "account").size() >= expected);
            }
            assertThat(scenario.org("throttled").requestCounts().throttled()).isPositive();
            assertExactlyOnce("throttled", accounts);
        } finally {
            scenario.org("throttled").throttle(ServiceProtectionLimits.defaults());
        }
    }

    @Test
    void losesNothingThroughBurstsOfServerErrors() {
        Table accounts = scenario.org("flaky").table("account");
        // A burst longer than one read's retries: the first read gives up (TRANSIENT), the poll after it succeeds.
        var fault = rig.sandbox().faults().add(FaultRule.of(new Fault.Status(503)).onPathsStartingWith("/org/flaky/")
                .times(8));
        try {
            for (int i = 0; i < 20; i++) {
                UUID id = accounts.create(Map.of("name", "flaky " + i));
                if (i % 3 == 0) {
                    accounts.update(id, Map.of("name", "flaky " + i + " changed"));
                }
            }
            await().atMost(WAIT).untilAsserted(() -> assertExactlyOnce("flaky", accounts));
            assertThat(fault.injected()).isEqualTo(8);
            assertThat(meters().counter("crmbridge.poller.errors", "connection", "flaky", "entity", "account",
                    "reason", "TRANSIENT").count()).isGreaterThanOrEqualTo(1);
        } finally {
            rig.sandbox().faults().remove(fault.id());
        }
    }

    @Test
    void capturesATableWithoutChangeTrackingByModifiedOn() {
        Table leads = scenario.org("leads").table("lead");
        UUID lead = leads.create(Map.of("subject", "first lead"));
        await().atMost(WAIT).until(() -> scenario.changes("leads", "lead").size() == 1);
        leads.update(lead, Map.of("subject", "first lead, qualified"));
        UUID second = leads.create(Map.of("subject", "second lead"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(scenario.changes("leads", "lead"))
                .extracting(c -> c.getRecordId() + " " + c.getChangeType())
                .containsExactlyInAnyOrder(lead + " CREATED", lead + " UPDATED", second + " CREATED"));
        assertThat(scenario.changes("leads", "lead")).extracting(RecordChanged::getSource)
                .containsOnly(ChangeSource.MODIFIED_ON);
        assertThat(scenario.changes("leads", "lead")).filteredOn(c -> c.getChangeType() == ChangeType.UPDATED)
                .singleElement().satisfies(c -> assertThat(c.getAttributes())
                        .containsEntry("subject", "first lead, qualified"));
    }

    @Test
    void pollsAtOnceWhenPokedInsteadOfWaitingForItsInterval() throws Exception {
        await().atMost(WAIT).until(() -> scenario.org("poked").requestCounts().withStatus(200) > 0);
        Table accounts = scenario.org("poked").table("account");
        UUID id = accounts.create(Map.of("name", "poked"));

        HttpResponse<String> response = poke("poked", "account");

        assertThat(response.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(scenario.changes("poked", "account"))
                .extracting(RecordChanged::getRecordId).containsExactly(id.toString()));
        assertThat(poke("nobody", "account").statusCode()).isEqualTo(404);
    }

    @Test
    void reportsHealthAndMetricsPerSubscription() throws Exception {
        await().atMost(WAIT).until(() -> scenario.changes("crud", "account").size() >= 1);
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("crud:account");

        String prometheus = get("/actuator/prometheus").body();
        assertThat(prometheus).contains("crmbridge_poller_changes_published_total{connection=\"crud\",entity=\"account\"")
                .contains("crmbridge_poller_poll_duration_seconds_count{connection=\"crud\",entity=\"account\"")
                .contains("crmbridge_poller_lag_seconds{connection=\"crud\",entity=\"account\"");
    }

    private static void assertExactlyOnce(String connection, Table accounts) {
        List<RecordChanged> changes = scenario.changes(connection, "account");
        Set<String> published = new HashSet<>();
        for (RecordChanged change : changes) {
            assertThat(published.add(change.getRecordId() + "@" + change.getVersion())).as("published once: %s@%s",
                    change.getRecordId(), change.getVersion()).isTrue();
        }
        for (RecordChanged change : changes) {
            Optional<Map<String, Object>> row = accounts.get(UUID.fromString(change.getRecordId()));
            row.ifPresent(values -> assertThat(published).contains(change.getRecordId() + "@" + values.get("versionnumber")));
        }
        assertThat(changes.stream().map(RecordChanged::getRecordId).distinct().count()).isEqualTo(accounts.count());
    }

    private static MeterRegistry meters() {
        return poller.getBean(MeterRegistry.class);
    }

    private static HttpResponse<String> poke(String connection, String entity) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base().resolve("/subscriptions/" + connection
                + "/" + entity + "/poke")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI base() {
        return URI.create("http://localhost:" + poller.getEnvironment().getProperty("local.server.port"));
    }

    private static void createAccounts(String connection, int count) {
        for (int i = 0; i < count; i++) {
            scenario.org(connection).table("account").create(Map.of("name", connection + " " + i));
        }
    }
}
