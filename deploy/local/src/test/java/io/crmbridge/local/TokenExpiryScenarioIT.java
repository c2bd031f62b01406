package io.crmbridge.local;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.events.ChangeType;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.events.WriteCommand;
import io.crmbridge.events.WriteStatus;
import io.crmbridge.sandbox.dataverse.Org;
import io.crmbridge.sandbox.dataverse.Table;
import io.crmbridge.sandbox.identity.IdentitySeeds;
import io.crmbridge.token.fixtures.AdminClient;
import io.crmbridge.token.fixtures.Browser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * User stories of a delegated connection whose refresh token dies: the SREs hear of it once, nothing fails or is
 * lost while it is down, and once the person signs in again everything carries on where it stopped. Alice's
 * connection reads its own org, so the sandbox's request count shows whether she is still polled.
 */
@ExtendWith(WholeSystem.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenExpiryScenarioIT {

    private static final String ALICE = DemoConfiguration.DELEGATED_CONNECTION;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static LocalStack stack;
    private static EventsSeen events;
    private static Browser browser;
    private static Org org;
    private static Table accounts;
    // Rows and the command that live through the expiry, shared by the two stories in order.
    private static UUID before;
    private static UUID during;
    private static UUID written;
    private static WriteCommand held;

    @BeforeAll
    static void aliceConnects(LocalStack started, EventsSeen seen) {
        stack = started;
        events = seen;
        browser = new Browser(DemoConfiguration.ADMIN_USER, DemoConfiguration.ADMIN_PASSWORD);
        org = stack.sandbox().dataverse().org(WholeSystem.DELEGATED_ORG);
        accounts = org.table("account");
        signIn();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(events.connectionEvents(ALICE, ConnectionEventType.CONNECTED)).hasSize(1));
        // Her (empty) org is synced: rows written from now on arrive as changes, not as a snapshot.
        await().atMost(WAIT).until(() -> WholeSystem.subscription(stack, ALICE + ":account").path("position")
                .asString().startsWith("delta"));
    }

    @Test
    @Order(1)
    void whenTheRefreshTokenExpiresTheConnectionReportsTokenExpiredOnceStopsPollingAndItsCommandsWait()
            throws Exception {
        before = accounts.create(Map.of("name", "Before the expiry"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(changeTypes(before)).as("poller: %s", pollerHealth())
                .containsExactly(ChangeType.CREATED));

        stack.sandbox().identity().expireRefreshTokens(IdentitySeeds.ALICE);

        // The token-service finds out at its next refresh (halfway through the 20 s token lifetime).
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(events.connectionEvents(ALICE, ConnectionEventType.TOKEN_EXPIRED)).hasSize(1));
        assertThat(admin().state(ALICE)).isEqualTo("EXPIRED");
        assertThat(events.connectionEvents(ALICE, ConnectionEventType.TOKEN_EXPIRED).get(0).getReconnectUrl())
                .isEqualTo(stack.tokenServiceUrl() + "/connections/" + ALICE + "/connect");
        await().atMost(WAIT).until(() -> pollerConnectionStatus().equals("TOKEN_EXPIRED"));

        // Changes and commands during the expiry.
        during = accounts.create(Map.of("name", "During the expiry"));
        accounts.update(before, Map.of("name", "Before the expiry, renamed during it"));
        written = UUID.randomUUID();
        held = CommandSender.createAccount(ALICE, written, "Written once she is back");
        try (CommandSender sender = new CommandSender(stack)) {
            sender.send(held);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(events.waiting(held.getCommandId())).hasSize(1));

        // Polling has stopped: the sandbox sees no request to her org, and nothing more is published for her.
        long requests = org.requestCounts().total();
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(org.requestCounts().total()).isEqualTo(requests);
            assertThat(events.changes(ALICE)).hasSize(1);
            assertThat(events.results(held.getCommandId())).isEmpty();
            assertThat(events.connectionEvents(ALICE, ConnectionEventType.TOKEN_EXPIRED)).hasSize(1);
        });
        assertThat(accounts.get(written)).isEmpty();
    }

    @Test
    @Order(2)
    void whenThePersonReconnectsPollingResumesWithoutGapOrDuplicateAndTheWaitingCommandsAreApplied()
            throws Exception {
        assertThat(held).as("the expiry story ran first").isNotNull();

        signIn();

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(events.connectionEvents(ALICE, ConnectionEventType.RECONNECTED)).hasSize(1));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(events.results(held.getCommandId())).hasSize(1);
            assertThat(changeTypes(written)).containsExactly(ChangeType.CREATED);
            assertThat(changeTypes(during)).containsExactly(ChangeType.CREATED);
            assertThat(changeTypes(before)).containsExactly(ChangeType.CREATED, ChangeType.UPDATED);
        });
        assertThat(events.results(held.getCommandId()).get(0).getStatus()).isEqualTo(WriteStatus.SUCCEEDED);
        assertThat(accounts.get(written)).hasValueSatisfying(row ->
                assertThat(row).containsEntry("name", "Written once she is back"));

        // Exact counts across the expiry: four changes of her org, each once; one expiry, one reconnect.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(events.changes(ALICE)).hasSize(4);
            assertThat(events.results(held.getCommandId())).hasSize(1);
            assertThat(events.connectionEvents(ALICE, ConnectionEventType.TOKEN_EXPIRED)).hasSize(1);
            assertThat(events.connectionEvents(ALICE, ConnectionEventType.RECONNECTED)).hasSize(1);
        });
        assertThat(events.changes(ALICE)).extracting(RecordChanged::getEventId).doesNotHaveDuplicates();
        assertThat(events.changes(ALICE, before.toString()).get(1).getAttributes())
                .containsEntry("name", "Before the expiry, renamed during it");
        assertThat(admin().state(ALICE)).isEqualTo("ACTIVE");
        assertThat(pollerConnectionStatus()).isEqualTo("ACTIVE");
    }

    private static void signIn() {
        HttpResponse<String> page = browser.connect(stack.tokenServiceUrl(), ALICE, IdentitySeeds.ALICE,
                IdentitySeeds.ALICE_PASSWORD);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    }

    private static List<ChangeType> changeTypes(UUID id) {
        return events.changes(ALICE, id.toString()).stream().map(RecordChanged::getChangeType).toList();
    }

    private static AdminClient admin() {
        return new AdminClient(stack.tokenServiceUrl(), DemoConfiguration.ADMIN_USER,
                DemoConfiguration.ADMIN_PASSWORD);
    }

    /** The poller's view of alice's connection. */
    private static String pollerConnectionStatus() throws Exception {
        return WholeSystem.subscription(stack, ALICE + ":account").path("connection").asString();
    }

    private static String pollerHealth() throws Exception {
        return WholeSystem.subscription(stack, ALICE + ":account").toString();
    }
}
