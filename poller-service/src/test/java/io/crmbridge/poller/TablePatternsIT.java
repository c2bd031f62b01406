package io.crmbridge.poller;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.events.RecordChanged;
import io.crmbridge.sandbox.dataverse.Org;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Table patterns per connection: {@code include: account, cr123_*; exclude: *_audit} against a sandbox org over
 * HTTPS and a real broker. The matched tables publish their rows and the excluded one nothing; a table the org
 * gains while the poller runs is subscribed at the next metadata refresh (1 s here), with MODIFIED_ON because its
 * change tracking is off.
 */
class TablePatternsIT {

    private static final String CONNECTION = "patterned";
    private static PollerRig rig;
    private static Scenario scenario;
    private static ConfigurableApplicationContext poller;

    @BeforeAll
    static void start() {
        rig = new PollerRig();
        scenario = rig.scenario("patterns");
        scenario.connect(CONNECTION);
        scenario.with("crmbridge.poller.connections." + CONNECTION + ".include", "account,cr123_*")
                .with("crmbridge.poller.connections." + CONNECTION + ".exclude", "*_audit")
                .with("crmbridge.poller.metadata-refresh", "1s");
        poller = null;
    }

    @AfterAll
    static void stop() {
        scenario.close();
        rig.close();
    }

    @Test
    void publishesTheMatchedTablesNoneOfAnExcludedOneAndSubscribesATableAddedLaterAfterARefresh() throws Exception {
        Org org = scenario.org(CONNECTION);
        UUID account = org.table("account").create(Map.of("name", "Matched by name"));
        UUID project = org.table("cr123_project").create(Map.of("cr123_name", "Matched by cr123_*"));
        org.addTable("cr123_audit", true).create(Map.of("cr123_name", "Excluded by *_audit"));

        poller = scenario.startPoller();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(scenario.changes(CONNECTION, "account")).extracting(RecordChanged::getRecordId)
                    .containsExactly(account.toString());
            assertThat(scenario.changes(CONNECTION, "cr123_project")).extracting(RecordChanged::getRecordId)
                    .containsExactly(project.toString());
        });
        String subscriptions = get("/api/subscriptions/" + CONNECTION);
        assertThat(subscriptions).contains("\"table\":\"account\"").contains("\"table\":\"cr123_project\"")
                .contains("\"updatedBy\":\"configuration-pattern\"")
                .doesNotContain("cr123_audit").doesNotContain("\"table\":\"contact\"");
        assertThat(topics()).as("no change topic for the excluded table").contains("patterns.changes.account")
                .doesNotContain("patterns.changes.cr123_audit");

        UUID invoice = org.addTable("cr123_invoice", false).create(Map.of("cr123_name", "INV-1"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scenario.changes(CONNECTION,
                "cr123_invoice")).extracting(RecordChanged::getRecordId).containsExactly(invoice.toString()));
        assertThat(get("/api/subscriptions/" + CONNECTION + "/cr123_invoice"))
                .as("change tracking is off: MODIFIED_ON").contains("\"strategy\":\"MODIFIED_ON\"");
        assertThat(get("/api/subscriptions/" + CONNECTION)).doesNotContain("cr123_audit");
    }

    private static java.util.Set<String> topics() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", rig.brokers()))) {
            return admin.listTopics().names().get();
        }
    }

    private static String get(String path) throws Exception {
        String login = Base64.getEncoder().encodeToString((Scenario.ADMIN + ":" + Scenario.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        URI base = URI.create("http://localhost:" + poller.getEnvironment().getProperty("local.server.port"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Basic " + login).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
