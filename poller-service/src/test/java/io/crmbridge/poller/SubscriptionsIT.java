package io.crmbridge.poller;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.crmbridge.events.CaptureEvent;
import io.crmbridge.events.CaptureEventType;
import io.crmbridge.events.ChangeType;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.sandbox.dataverse.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subscriptions as data: added, changed and removed through the admin API while the poller runs, stored on
 * crm.subscriptions, applied by the owner without a restart; invalid ones answered with every problem and nothing
 * changed. Each test has a connection (a sandbox org) of its own.
 */
class SubscriptionsIT {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
    private static PollerRig rig;
    private static Scenario scenario;
    private static ConfigurableApplicationContext poller;

    @BeforeAll
    static void start() {
        rig = new PollerRig();
        scenario = rig.scenario("subscriptions");
        for (String connection : List.of("added", "removed", "invalid", "seeded", "snapshot")) {
            scenario.connect(connection);
        }
        scenario.poll("seeded", "account", "name");
        poller = scenario.startPoller();
        await().atMost(Duration.ofSeconds(40)).until(() -> !scenario.changes("seeded", "account").isEmpty()
                || scenario.org("seeded").requestCounts().withStatus(200) > 0);
    }

    @AfterAll
    static void stop() {
        scenario.close();
        rig.close();
    }

    @Test
    void aSubscriptionAddedWhileThePollerRunsPublishesWithinSecondsAndAColumnAddedAppearsInTheNextEvents() {
        Table contacts = scenario.org("added").table("contact");
        UUID first = contacts.create(Map.of("firstname", "Ada", "lastname", "Lovelace"));

        HttpResponse<String> created = put("/api/subscriptions/added/contact", """
                {"columns": ["firstname"], "start": "SNAPSHOT", "interval": "200ms"}""");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"entitySet\":\"contacts\"").contains("\"updatedBy\":\"" + Scenario.ADMIN);
        await().atMost(FIVE_SECONDS).untilAsserted(() -> assertThat(scenario.changes("added", "contact"))
                .extracting(RecordChanged::getRecordId).containsExactly(first.toString()));
        assertThat(scenario.changes("added", "contact").get(0).getAttributes()).containsKey("firstname")
                .doesNotContainKey("lastname");
        await().atMost(FIVE_SECONDS).untilAsserted(() -> assertThat(scenario.captureEvents("added"))
                .extracting(e -> e.getTable() + " " + e.getType() + " " + e.getSnapshotId())
                .containsSubsequence("contact SUBSCRIPTION_STARTED null", "contact SNAPSHOT_STARTED initial",
                        "contact SNAPSHOT_COMPLETED initial"));

        HttpResponse<String> changed = put("/api/subscriptions/added/contact", """
                {"columns": ["firstname", "lastname"], "interval": "200ms"}""");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        contacts.update(first, Map.of("firstname", "Augusta Ada"));

        await().atMost(FIVE_SECONDS.multipliedBy(2)).untilAsserted(() -> assertThat(scenario.changes("added", "contact"))
                .last().satisfies(c -> {
                    assertThat(c.getChangeType()).isEqualTo(ChangeType.UPDATED);
                    assertThat(c.getAttributes()).containsEntry("firstname", "Augusta Ada")
                            .containsEntry("lastname", "Lovelace");
                }));
        assertThat(scenario.changes("added", "contact")).as("the change resumed from its checkpoint: no new snapshot")
                .hasSize(2);
        assertThat(get("/api/subscriptions/added").body()).contains("\"table\":\"contact\"")
                .contains("\"columns\":[\"firstname\",\"lastname\"]");
    }

    @Test
    void removingASubscriptionStopsItsPollingKeepsItsCheckpointAndAddingItAgainResumes() {
        Table accounts = scenario.org("removed").table("account");
        UUID before = accounts.create(Map.of("name", "before removal"));
        assertThat(put("/api/subscriptions/removed/account", """
                {"columns": ["name"], "interval": "100ms"}""").statusCode()).isEqualTo(201);
        await().atMost(FIVE_SECONDS).until(() -> scenario.changes("removed", "account").size() == 1);

        HttpResponse<String> removed = delete("/api/subscriptions/removed/account");

        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(get("/api/subscriptions/removed/account").statusCode()).isEqualTo(404);
        await().atMost(FIVE_SECONDS).untilAsserted(() -> assertThat(scenario.captureEvents("removed",
                CaptureEventType.SUBSCRIPTION_STOPPED)).extracting(CaptureEvent::getTable).containsExactly("account"));
        long[] requests = {-1};
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long now = scenario.org("removed").requestCounts().total();
            boolean still = now == requests[0];
            requests[0] = now;
            return still;
        });
        UUID during = accounts.create(Map.of("name", "while removed"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                scenario.org("removed").requestCounts().total() == requests[0]);
        assertThat(scenario.changes("removed", "account")).hasSize(1);

        assertThat(put("/api/subscriptions/removed/account", """
                {"columns": ["name"], "interval": "100ms"}""").statusCode()).isEqualTo(201);

        await().atMost(FIVE_SECONDS).untilAsserted(() -> assertThat(scenario.changes("removed", "account"))
                .extracting(c -> c.getRecordId() + " " + c.getChangeType())
                .containsExactlyInAnyOrder(before + " SNAPSHOT", during + " CREATED")); // two rows, two partitions
    }

    @Test
    void aSnapshotOnDemandRepublishesEveryRowOnceWhileChangesFlowAndSaysSoOnTheCaptureEvents() {
        Table accounts = scenario.org("snapshot").table("account");
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(accounts.create(Map.of("name", "row " + i)).toString());
        }
        assertThat(put("/api/subscriptions/snapshot/account", """
                {"columns": ["name"], "pageSize": 7, "interval": "200ms"}""").statusCode()).isEqualTo(201);
        await().atMost(FIVE_SECONDS).until(() -> scenario.changes("snapshot", "account").size() == 30);
        UUID created = accounts.create(Map.of("name", "after the initial sync"));
        await().atMost(FIVE_SECONDS).until(() -> scenario.changes("snapshot", "account").size() == 31);
        rows.add(created.toString());

        HttpResponse<String> asked = post("/api/subscriptions/snapshot/account/snapshot?id=first");

        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        assertThat(asked.body()).contains("\"snapshotId\":\"first\"").contains("\"repeated\":false");
        accounts.update(created, Map.of("name", "changed during the snapshot"));
        await().atMost(Duration.ofSeconds(10)).until(() -> scenario.captureEvents("snapshot",
                CaptureEventType.SNAPSHOT_COMPLETED).stream().anyMatch(e -> "first".equals(e.getSnapshotId())));
        List<RecordChanged> changes = scenario.changes("snapshot", "account");
        Map<String, Long> snapshots = changes.stream().filter(c -> c.getChangeType() == ChangeType.SNAPSHOT)
                .collect(Collectors.groupingBy(RecordChanged::getRecordId, Collectors.counting()));
        Map<String, Long> expected = new HashMap<>();
        rows.forEach(id -> expected.put(id, 2L)); // the initial sync's and the snapshot's
        expected.put(created.toString(), 1L);
        assertThat(snapshots).isEqualTo(expected);
        List<CaptureEvent> events = scenario.captureEvents("snapshot").stream()
                .filter(e -> "first".equals(e.getSnapshotId())).toList();
        assertThat(events).extracting(CaptureEvent::getType).startsWith(CaptureEventType.SNAPSHOT_STARTED)
                .endsWith(CaptureEventType.SNAPSHOT_COMPLETED).hasSize(1 + 5); // 31 rows, pages of 7
        assertThat(events).last().extracting(CaptureEvent::getRows).isEqualTo(31L);
        await().atMost(FIVE_SECONDS).untilAsserted(() -> assertThat(scenario.changes("snapshot", "account"))
                .filteredOn(c -> c.getRecordId().equals(created.toString())).last()
                .satisfies(c -> assertThat(c.getAttributes()).containsEntry("name", "changed during the snapshot")));

        HttpResponse<String> again = post("/api/subscriptions/snapshot/account/snapshot?id=first");
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).contains("\"repeated\":true");
        accounts.update(created, Map.of("name", "after the snapshot"));
        await().atMost(FIVE_SECONDS).untilAsserted(() -> assertThat(scenario.changes("snapshot", "account"))
                .filteredOn(c -> c.getRecordId().equals(created.toString())).last()
                .extracting(c -> c.getAttributes().get("name")).isEqualTo("after the snapshot"));
        assertThat(scenario.changes("snapshot", "account")).filteredOn(c -> c.getChangeType() == ChangeType.SNAPSHOT)
                .as("asked again with the same id: nothing re-read").hasSize(30 + 31);
        assertThat(post("/api/subscriptions/snapshot/contact/snapshot").statusCode()).isEqualTo(404);
    }

    @Test
    void anInvalidSubscriptionIsAnsweredWithEveryProblemAndChangesNothing() {
        HttpResponse<String> unknownTable = put("/api/subscriptions/invalid/spaceship", "{}");
        HttpResponse<String> badColumns = put("/api/subscriptions/invalid/account", """
                {"columns": ["name", "warpdrive", "hullcolour"], "pageSize": 9000, "colour": "red"}""");
        HttpResponse<String> untracked = put("/api/subscriptions/invalid/lead", """
                {"strategy": "CHANGE_TRACKING"}""");
        HttpResponse<String> notAConnection = put("/api/subscriptions/nobody/account", "{}");

        assertThat(unknownTable.statusCode()).isEqualTo(400);
        assertThat(unknownTable.body()).contains("table 'spaceship' does not exist");
        assertThat(badColumns.statusCode()).isEqualTo(400);
        assertThat(badColumns.body()).contains("unknown field 'colour'");
        assertThat(put("/api/subscriptions/invalid/account", """
                {"columns": ["name", "warpdrive", "hullcolour"], "pageSize": 9000}""").body())
                .contains("column 'warpdrive' is not a column of table 'account'")
                .contains("column 'hullcolour' is not a column of table 'account'")
                .contains("pageSize must be 1 to 5000");
        assertThat(untracked.statusCode()).isEqualTo(400);
        assertThat(untracked.body()).contains("does not have change tracking enabled").contains("MODIFIED_ON");
        assertThat(notAConnection.statusCode()).isEqualTo(400);
        assertThat(notAConnection.body()).contains("connection 'nobody' is not defined");
        HttpResponse<String> notJson = put("/api/subscriptions/invalid/account", "{\"columns\": [\"name\"");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("the body is not a JSON object");
        assertThat(get("/api/subscriptions/invalid").body()).as("nothing was stored").isEqualTo("[]");
        assertThat(get("/api/subscriptions/nobody").body()).isEqualTo("[]");
    }

    @Test
    void theConfiguredSubscriptionsAreSeededAndTheApiWantsTheAdminLogin() throws Exception {
        assertThat(get("/api/subscriptions/seeded/account").body()).contains("\"updatedBy\":\"configuration\"")
                .contains("\"columns\":[\"name\"]");
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base().resolve("/api/subscriptions")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> crossSite = send(HttpRequest.newBuilder(base().resolve("/api/subscriptions/seeded/lead"))
                .header("Origin", "https://evil.example").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(crossSite.statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> put(String path, String json) {
        return send(HttpRequest.newBuilder(base().resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(base().resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base().resolve(path)).GET());
    }

    private static HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(base().resolve(path)).DELETE());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        String login = Base64.getEncoder().encodeToString((Scenario.ADMIN + ":" + Scenario.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        try {
            return HttpClient.newHttpClient().send(request.header("Authorization", "Basic " + login).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI base() {
        return URI.create("http://localhost:" + poller.getEnvironment().getProperty("local.server.port"));
    }
}
