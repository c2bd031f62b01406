package io.crmbridge.local;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * User stories of a delegated connection whose refresh token dies: the SREs hear of it once, nothing fails or is
 * lost while it is down, and once the person signs in again everything carries on where it stopped. Alice's
 * connection reads its own org, so the sandbox's request count shows whether she is still polled. Each story runs
 * an expiry of its own from wherever her connection stands, with its own rows and command, and counts her events
 * from its own start.
 */
@ExtendWith(WholeSystem.class)
class TokenExpiryScenarioIT {

    private static final String ALICE = DemoConfiguration.DELEGATED_CONNECTION;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static LocalStack stack;
    private static EventsSeen events;
    private static Browser browser;
    private static Org org;
    private static Table accounts;

    /** One expiry of her refresh token: where its story started counting, its rows and the command it held. */
    private record Expiry(EventsSince since, UUID before, UUID during, UUID written, WriteCommand held) {
    }

    @BeforeAll
    static void aliceHasHerOwnOrg(LocalStack started, EventsSeen seen) {
        stack = started;
        events = seen;
        browser = new Browser(DemoConfiguration.ADMIN_USER, DemoConfiguration.ADMIN_PASSWORD);
        org = stack.sandbox().dataverse().org(WholeSystem.DELEGATED_ORG);
        accounts = org.table("account");
    }

    @Test
    void whenTheRefreshTokenExpiresTheConnectionReportsTokenExpiredOnceStopsPollingAndItsCommandsWait()
            throws Exception {
        Expiry expiry = expireAlice();
        EventsSince since = expiry.since();

        assertThat(since.connectionEvents(ConnectionEventType.TOKEN_EXPIRED)).hasSize(1);
        assertThat(admin().state(ALICE)).isEqualTo("EXPIRED");
        assertThat(since.connectionEvents(ConnectionEventType.TOKEN_EXPIRED).get(0).getReconnectUrl())
                .isEqualTo(stack.tokenServiceUrl() + "/connections/" + ALICE + "/connect");
        assertThat(pollerConnectionStatus()).isEqualTo("TOKEN_EXPIRED");
        assertThat(events.waiting(expiry.held().getCommandId())).hasSize(1);

        // Polling has stopped: the sandbox sees no request to her org, and nothing more is published for her.
        long requests = org.requestCounts().total();
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(org.requestCounts().total()).isEqualTo(requests);
            assertThat(since.changes()).hasSize(1);
            assertThat(events.results(expiry.held().getCommandId())).isEmpty();
            assertThat(since.connectionEvents(ConnectionEventType.TOKEN_EXPIRED)).hasSize(1);
        });
        assertThat(accounts.get(expiry.written())).isEmpty();
    }

    @Test
    void whenThePersonReconnectsPollingResumesWithoutGapOrDuplicateAndTheWaitingCommandsAreApplied()
            throws Exception {
        Expiry expiry = expireAlice();
        EventsSince since = expiry.since();
        String held = expiry.held().getCommandId();

        signIn();

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(since.connectionEvents(ConnectionEventType.RECONNECTED)).hasSize(1));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(events.results(held)).hasSize(1);
            assertThat(changeTypes(expiry.written())).containsExactly(ChangeType.CREATED);
            assertThat(changeTypes(expiry.during())).containsExactly(ChangeType.CREATED);
            assertThat(changeTypes(expiry.before())).containsExactly(ChangeType.CREATED, ChangeType.UPDATED);
        });
        assertThat(events.results(held).get(0).getStatus()).isEqualTo(WriteStatus.SUCCEEDED);
        assertThat(accounts.get(expiry.written())).hasValueSatisfying(row ->
                assertThat(row).containsEntry("name", "Written once she is back"));

        // Exact counts across the expiry: four changes of her org, each once; one expiry, one reconnect.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(since.changes()).hasSize(4);
            assertThat(events.results(held)).hasSize(1);
            assertThat(since.connectionEvents(ConnectionEventType.TOKEN_EXPIRED)).hasSize(1);
            assertThat(since.connectionEvents(ConnectionEventType.RECONNECTED)).hasSize(1);
        });
        assertThat(since.changes()).extracting(RecordChanged::getEventId).doesNotHaveDuplicates();
        assertThat(events.changes(ALICE, expiry.before().toString()).get(1).getAttributes())
                .containsEntry("name", "Before the expiry, renamed during it");
        assertThat(admin().state(ALICE)).isEqualTo("ACTIVE");
        assertThat(pollerConnectionStatus()).isEqualTo("ACTIVE");
    }

    /**
     * Expires alice's refresh token from wherever her connection stands: connected (again) if it is not, one row
     * published before the expiry, the expiry seen by the token-service (counted from this start) and the poller,
     * then a row created and one renamed while it lasts, and a command for her sent and parked.
     */
    private static Expiry expireAlice() throws Exception {
        connectIfNeeded();
        EventsSince since = EventsSince.now(events, ALICE);
        UUID before = accounts.create(Map.of("name", "Before the expiry"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(changeTypes(before)).as("poller: %s", pollerHealth())
                .containsExactly(ChangeType.CREATED));

        stack.sandbox().identity().expireRefreshTokens(IdentitySeeds.ALICE);

        // The token-service finds out at its next refresh (halfway through the 20 s token lifetime).
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(since.connectionEvents(ConnectionEventType.TOKEN_EXPIRED)).hasSize(1));
        await().atMost(WAIT).until(() -> pollerConnectionStatus().equals("TOKEN_EXPIRED"));

        // Changes and commands during the expiry.
        UUID during = accounts.create(Map.of("name", "During the expiry"));
        accounts.update(before, Map.of("name", "Before the expiry, renamed during it"));
        UUID written = UUID.randomUUID();
        WriteCommand held = CommandSender.createAccount(ALICE, written, "Written once she is back");
        try (CommandSender sender = new CommandSender(stack)) {
            sender.send(held);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(events.waiting(held.getCommandId())).hasSize(1));
        return new Expiry(since, before, during, written, held);
    }

    /** Signs her in unless her connection is active, and waits until the poller reads her org's changes. */
    private static void connectIfNeeded() throws Exception {
        if (!"ACTIVE".equals(admin().state(ALICE))) {
            EventsSince since = EventsSince.now(events, ALICE);
            signIn();
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(since.connectionEvents(ConnectionEventType.CONNECTED).size()
                            + since.connectionEvents(ConnectionEventType.RECONNECTED).size()).isEqualTo(1));
            await().atMost(WAIT).until(() -> pollerConnectionStatus().equals("ACTIVE"));
            // Coming back from an earlier expiry replays what it held back: its commands are written and every row
            // of her org is published, and nothing more comes, before a new story starts counting.
            await().atMost(WAIT).until(TokenExpiryScenarioIT::nothingWaitsInTheActionService);
            await().atMost(WAIT).until(() -> publishedRows() == accounts.count());
            awaitNoChangeFor(Duration.ofSeconds(3));
        }
        // Her org is synced: rows written from now on arrive as changes, not as a snapshot.
        await().atMost(WAIT).until(() -> WholeSystem.subscription(stack, ALICE + ":account").path("position")
                .asString().startsWith("delta"));
    }

    /** Whether the action-service holds no connection and has no parked command left to replay. */
    private static boolean nothingWaitsInTheActionService() {
        JsonNode health = AdminClient.JSON.readTree(
                AdminClient.anonymous(stack.actionServiceUrl()).get("/actuator/health").body());
        return health.findValue("heldConnections").isEmpty() && health.findValue("waitingCommands").asInt() == 0;
    }

    /** The rows of her org with a change published. */
    private static long publishedRows() {
        return events.changes(ALICE).stream().map(RecordChanged::getRecordId).distinct().count();
    }

    private static void awaitNoChangeFor(Duration quiet) {
        AtomicInteger seen = new AtomicInteger(-1);
        AtomicLong changedAt = new AtomicLong();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            int now = events.changes(ALICE).size();
            if (seen.getAndSet(now) != now) {
                changedAt.set(System.nanoTime());
            }
            return System.nanoTime() - changedAt.get() >= quiet.toNanos();
        });
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
