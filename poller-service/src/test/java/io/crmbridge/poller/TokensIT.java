package io.crmbridge.poller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.events.ChangeType;
import io.crmbridge.events.ConnectionEventType;
import io.crmbridge.events.ConnectionState;
import io.crmbridge.events.RecordChanged;
import io.crmbridge.events.TokenRequest;
import io.crmbridge.events.TokenRequestReason;
import io.crmbridge.poller.subscription.ConnectionStates;
import io.crmbridge.poller.subscription.ConnectionStatus;
import io.crmbridge.sandbox.admin.Fault;
import io.crmbridge.sandbox.admin.FaultRule;
import io.crmbridge.sandbox.dataverse.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tokens: a 401 after a rotation, a connection whose token expired until it is reconnected, and a connection
 * nobody has connected yet.
 */
class TokensIT {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static PollerRig rig;
    private static Scenario scenario;

    @BeforeAll
    static void start() {
        rig = new PollerRig();
        scenario = rig.scenario("tokens");
        for (String connection : List.of("rotated", "expired")) {
            create(scenario.org(connection).table("account"), connection, 3);
            scenario.connect(connection).poll(connection, "account", "name");
        }
        create(scenario.org("unconnected").table("account"), "unconnected", 3);
        scenario.defineConnection("unconnected", true);
        scenario.poll("unconnected", "account", "name").startPoller();
    }

    @AfterAll
    static void stop() {
        scenario.close();
        rig.close();
    }

    @Test
    void asksForANewTokenAfterA401AndRetriesWithItLosingNothing() {
        Table accounts = scenario.org("rotated").table("account");
        await().atMost(WAIT).until(() -> scenario.changes("rotated", "account").size() == 3);
        // The token-service rotated: Dataverse refuses the token the poller holds (generation 1).
        var refused = rig.sandbox().faults().add(FaultRule.of(new Fault.Status(401))
                .onPathsStartingWith("/org/rotated/").times(1));
        List<UUID> created = create(accounts, "after rotation", 2);

        await().atMost(WAIT).until(() -> scenario.tokenRequests().stream()
                .anyMatch(r -> r.getConnectionId().equals("rotated")));
        TokenRequest request = scenario.tokenRequests().get(0);
        assertThat(request.getReason()).isEqualTo(TokenRequestReason.UNAUTHORIZED);
        assertThat(request.getGenerationSeen()).isEqualTo(1L);
        assertThat(request.getRequestedBy()).startsWith("poller-service");
        scenario.grantToken("rotated");

        await().atMost(WAIT).untilAsserted(() -> assertThat(scenario.changes("rotated", "account"))
                .extracting(RecordChanged::getRecordId).contains(created.get(0).toString(), created.get(1).toString()));
        assertThat(rig.sandbox().requests().count(e -> e.fault().isPresent() && e.status() == 401)).isEqualTo(1);
        assertThat(refused.injected()).isEqualTo(1);
        assertExactlyOnce(scenario.changes("rotated", "account"), accounts);
    }

    @Test
    void pausesAConnectionWhoseTokenExpiredAndResumesWhereItStoppedAfterReconnect() {
        Table accounts = scenario.org("expired").table("account");
        await().atMost(WAIT).until(() -> scenario.changes("expired", "account").size() == 3);

        scenario.publishConnectionEvent("expired", ConnectionEventType.TOKEN_EXPIRED, ConnectionState.EXPIRED);
        await().atMost(WAIT).until(() -> states().status(ConnectionId.of("expired")) == ConnectionStatus.TOKEN_EXPIRED);
        long requests = scenario.org("expired").requestCounts().total();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> scenario.org("expired").requestCounts().total() == requests);
        UUID first = UUID.fromString(scenario.changes("expired", "account").get(0).getRecordId());
        accounts.update(first, Map.of("name", "changed while expired"));
        List<UUID> created = create(accounts, "while expired", 2);
        accounts.delete(created.get(1));
        assertThat(scenario.changes("expired", "account")).hasSize(3);

        scenario.grantToken("expired");
        scenario.publishConnectionEvent("expired", ConnectionEventType.RECONNECTED, ConnectionState.ACTIVE);

        await().atMost(WAIT).untilAsserted(() -> assertThat(scenario.changes("expired", "account"))
                .extracting(c -> c.getRecordId() + " " + c.getChangeType())
                .contains(first + " UPDATED", created.get(0) + " CREATED", created.get(1) + " DELETED"));
        assertExactlyOnce(scenario.changes("expired", "account"), accounts);
    }

    @Test
    void pollsAConnectionNobodyHasConnectedFromItsFirstGrantWithoutWaitingForAToken() {
        ConnectionId unconnected = ConnectionId.of("unconnected");
        await().atMost(WAIT).until(() -> states().status(unconnected) == ConnectionStatus.AWAITING_GRANT);
        // Longer than the token wait (5 s here): a poll that waited for a token would have failed and paused it.
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(15))
                .until(() -> states().status(unconnected) == ConnectionStatus.AWAITING_GRANT);
        assertThat(scenario.org("unconnected").requestCounts().total()).isZero();
        assertThat(scenario.tokenRequests()).noneMatch(r -> r.getConnectionId().equals("unconnected"));

        scenario.grantToken("unconnected");

        await().atMost(WAIT).until(() -> scenario.changes("unconnected", "account").size() == 3);
        assertThat(states().status(unconnected)).isEqualTo(ConnectionStatus.ACTIVE);
        assertExactlyOnce(scenario.changes("unconnected", "account"), scenario.org("unconnected").table("account"));
    }

    private static ConnectionStates states() {
        return scenario.latestInstance().orElseThrow().getBean(ConnectionStates.class);
    }

    private static void assertExactlyOnce(List<RecordChanged> changes, Table table) {
        Set<String> published = new HashSet<>();
        for (RecordChanged change : changes) {
            String id = change.getRecordId() + "@" + (change.getChangeType() == ChangeType.DELETED ? "deleted"
                    : change.getVersion());
            assertThat(published.add(id)).as("published once: %s", id).isTrue();
        }
        for (RecordChanged change : changes) {
            table.get(UUID.fromString(change.getRecordId())).ifPresent(values -> assertThat(published)
                    .contains(change.getRecordId() + "@" + values.get("versionnumber")));
        }
    }

    private static List<UUID> create(Table table, String prefix, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(table.create(Map.of("name", prefix + " " + i)));
        }
        return ids;
    }
}
