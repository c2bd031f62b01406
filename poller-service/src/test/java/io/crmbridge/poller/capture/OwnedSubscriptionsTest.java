package io.crmbridge.poller.capture;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.poller.subscription.ChangeFormat;
import io.crmbridge.poller.subscription.ConnectionStates;
import io.crmbridge.poller.subscription.ConnectionStatus;
import io.crmbridge.poller.subscription.SnapshotRequest;
import io.crmbridge.poller.subscription.StartPosition;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.PollerSettings;
import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.poller.subscription.SubscriptionCatalogue;
import io.crmbridge.poller.subscription.SubscriptionSpec;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.ChangeFeed;
import io.crmbridge.poller.tracking.ChangeKind;
import io.crmbridge.poller.tracking.ColumnsChange;
import io.crmbridge.poller.tracking.FeedFailure;
import io.crmbridge.poller.tracking.FeedRequest;
import io.crmbridge.poller.tracking.FeedResult;
import io.crmbridge.poller.tracking.InMemoryChangeFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Shard workers over in-memory ports: polling, pausing, poking, revocation. */
class OwnedSubscriptionsTest {

    private static final ConnectionId CONTOSO = ConnectionId.of("contoso");
    private final InMemoryChangeFeed table = new InMemoryChangeFeed(Clock.systemUTC());
    private final InMemoryChangeLog changeLog = new InMemoryChangeLog();
    private final ConnectionStates connections = new ConnectionStates();
    private final Subscription accounts = new Subscription(SubscriptionKey.of("contoso", "account"), "accounts",
            List.of(), Strategy.CHANGE_TRACKING, Duration.ofMillis(50), Duration.ofMillis(50), 10, StartPosition.SNAPSHOT, false);
    private final Subscription slow = new Subscription(SubscriptionKey.of("contoso", "contact"), "contacts",
            List.of(), Strategy.CHANGE_TRACKING, Duration.ofHours(1), Duration.ofHours(1), 10, StartPosition.SNAPSHOT, false);
    private final OwnedSubscriptions owned = new OwnedSubscriptions(catalogue(accounts, slow),
            new CapturingChanges(table, Clock.systemUTC(), CaptureMetrics.NONE, Duration.ofHours(1)), connections,
            new Pacing(Duration.ofMillis(20), Duration.ofMillis(200)), Clock.systemUTC(), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(15));

    @AfterEach
    void close() {
        owned.close();
    }

    @Test
    void pollsTheSubscriptionsOfAnAssignedShardUntilItIsRevoked() {
        connections.defined(CONTOSO, URI.create("https://contoso"), true);
        table.create(Map.of("name", "a"));
        owned.assigned(0, key -> key.equals(accounts.key()), () -> changeLog);

        await().atMost(Duration.ofSeconds(10)).until(() -> changeLog.committed().size() == 1);
        table.create(Map.of("name", "b"));
        await().atMost(Duration.ofSeconds(10)).until(() -> changeLog.committed().size() == 2);
        owned.revoked(0);
        int reads = table.reads();
        table.create(Map.of("name", "c"));

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> table.reads() == reads);
        assertThat(owned.shards()).isEmpty();
    }

    @Test
    void doesNotPollAPausedConnectionAndResumesFromItsCheckpoint() {
        connections.defined(CONTOSO, URI.create("https://contoso"), true);
        owned.assigned(0, key -> key.equals(accounts.key()), () -> changeLog);
        await().atMost(Duration.ofSeconds(10)).until(() -> changeLog.transactions() == 1);

        connections.availability().tokenExpired(CONTOSO);
        await().atMost(Duration.ofSeconds(2)).until(() -> owned.status().get(0).connection() == ConnectionStatus.TOKEN_EXPIRED);
        int reads = table.reads();
        table.create(Map.of("name", "while paused"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> table.reads() == reads);

        connections.availability().tokenWorks(CONTOSO);
        await().atMost(Duration.ofSeconds(10)).until(() -> changeLog.committed().size() == 1);
    }

    @Test
    void pausesAConnectionThatStaysUnauthorizedUntilANewerGrantResumesIt() {
        connections.defined(CONTOSO, URI.create("https://contoso"), true);
        table.failNext(FeedFailure.UNAUTHORIZED, Duration.ZERO);
        owned.assigned(0, key -> key.equals(accounts.key()), () -> changeLog);

        await().atMost(Duration.ofSeconds(10)).until(() -> connections.status(CONTOSO) == ConnectionStatus.UNAUTHORIZED);
        table.create(Map.of("name", "a"));
        connections.availability().grantArrived(CONTOSO);

        await().atMost(Duration.ofSeconds(10)).until(() -> changeLog.committed().size() == 1);
    }

    @Test
    void pollsAResumedConnectionAtOnceRatherThanAfterTheBackoffOfItsRefusedToken() {
        // An hour of backoff after a refused token: only the resumption can bring the next poll.
        try (OwnedSubscriptions patient = new OwnedSubscriptions(catalogue(accounts),
                new CapturingChanges(table, Clock.systemUTC(), CaptureMetrics.NONE, Duration.ofHours(1)),
                connections, new Pacing(Duration.ofMillis(20), Duration.ofHours(1)), Clock.systemUTC(),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(15))) {
            connections.defined(CONTOSO, URI.create("https://contoso"), true);
            table.failNext(FeedFailure.UNAUTHORIZED, Duration.ZERO);
            patient.assigned(0, key -> key.equals(accounts.key()), () -> changeLog);
            await().atMost(Duration.ofSeconds(10)).until(() -> connections.status(CONTOSO) == ConnectionStatus.UNAUTHORIZED);
            table.create(Map.of("name", "a"));

            connections.availability().grantArrived(CONTOSO);

            await().atMost(Duration.ofSeconds(10)).until(() -> changeLog.committed().size() == 1);
        }
    }

    @Test
    void pollsAPokedSubscriptionAtOnceAndTellsWhatItCannotPoke() {
        connections.defined(CONTOSO, URI.create("https://contoso"), true);
        InMemoryChangeFeed contacts = table;
        owned.assigned(1, key -> key.equals(slow.key()), () -> changeLog);
        await().atMost(Duration.ofSeconds(10)).until(() -> changeLog.transactions() == 1);
        contacts.create(Map.of("name", "new contact"));

        assertThat(owned.poke(slow.key())).isEqualTo(PokeResult.SCHEDULED);
        await().atMost(Duration.ofSeconds(5)).until(() -> changeLog.committed().size() == 1);
        assertThat(owned.poke(accounts.key())).isEqualTo(PokeResult.NOT_OWNED_HERE);
        assertThat(owned.poke(SubscriptionKey.of("fabrikam", "account"))).isEqualTo(PokeResult.UNKNOWN);
    }

    @Test
    void stopsPollingAShardOnceAnotherInstanceFencedIt() {
        connections.defined(CONTOSO, URI.create("https://contoso"), true);
        changeLog.answerNext(new CommitOutcome.Fenced("another instance owns the partition"));
        owned.assigned(0, key -> key.equals(accounts.key()), () -> changeLog);

        await().atMost(Duration.ofSeconds(10)).until(() -> owned.fencedShards().contains(0));
        assertThat(owned.healthy()).isTrue();
        int reads = table.reads();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> table.reads() == reads);
        assertThat(changeLog.committed()).isEmpty();
    }

    @Test
    void saysWhenASubscriptionStartsRunsASnapshotAskedForWithoutSayingItStartedAgainAndSaysWhenItStops() {
        connections.defined(CONTOSO, URI.create("https://contoso"), true);
        table.create(Map.of("name", "a"));
        table.create(Map.of("name", "b"));
        SubscriptionCatalogue catalogue = catalogue(accounts);
        try (OwnedSubscriptions steered = owned(catalogue, Duration.ofMinutes(5))) {
            steered.assigned(0, key -> key.equals(accounts.key()), () -> changeLog);
            await().atMost(Duration.ofSeconds(10)).until(() -> changeLog.committed().size() == 2);

            catalogue.defined(catalogue.spec(accounts.key()).orElseThrow()
                    .withSnapshot(new SnapshotRequest("again", Instant.now(), "test")));

            await().atMost(Duration.ofSeconds(10)).until(() -> types(CaptureNotice.Type.SNAPSHOT_COMPLETED) == 2);
            assertThat(changeLog.committed()).extracting(CapturedChange::kind).containsOnly(ChangeKind.SNAPSHOT)
                    .hasSize(4);
            assertThat(types(CaptureNotice.Type.SUBSCRIPTION_STARTED)).as("a snapshot is no restart").isEqualTo(1);

            catalogue.removed(accounts.key());

            await().atMost(Duration.ofSeconds(10)).until(() -> types(CaptureNotice.Type.SUBSCRIPTION_STOPPED) == 1);
            assertThat(changeLog.notices()).last().extracting(CaptureNotice::subscription).isEqualTo(accounts.key());
        }
    }

    @Test
    void saysOnceThatASubscriptionKeepsFailingAndThatItRecovered() {
        connections.defined(CONTOSO, URI.create("https://contoso"), true);
        for (int i = 0; i < 12; i++) { // backoff 20, 40, 80, 160, then 200 ms: about 2 s of failures
            table.failNext(FeedFailure.TRANSIENT, Duration.ZERO);
        }
        try (OwnedSubscriptions failing = owned(catalogue(accounts), Duration.ofMillis(300))) {
            failing.assigned(0, key -> key.equals(accounts.key()), () -> changeLog);

            await().atMost(Duration.ofSeconds(20)).until(() -> types(CaptureNotice.Type.CAPTURE_RECOVERED) == 1);
            assertThat(types(CaptureNotice.Type.CAPTURE_FAILING)).isEqualTo(1);
            CaptureNotice failingNotice = changeLog.notices().stream()
                    .filter(n -> n.type() == CaptureNotice.Type.CAPTURE_FAILING).findFirst().orElseThrow();
            assertThat(failingNotice.reasonCode()).isEqualTo("TRANSIENT");
            assertThat(failingNotice.failingSince()).isBefore(failingNotice.occurredAt().minusMillis(299));
        }
    }

    @Test
    void saysWhenAColumnAppearsInOrDisappearsFromTheTablesMetadata() {
        connections.defined(CONTOSO, URI.create("https://contoso"), true);
        ConcurrentLinkedQueue<ColumnsChange> metadata = new ConcurrentLinkedQueue<>();
        ChangeFeed feed = new ChangeFeed() {
            @Override
            public FeedResult read(Subscription subscription, FeedRequest request) {
                return table.read(subscription, request);
            }

            @Override
            public Optional<ColumnsChange> refreshColumns(Subscription subscription) {
                return Optional.ofNullable(metadata.poll());
            }
        };
        try (OwnedSubscriptions watching = new OwnedSubscriptions(catalogue(accounts), new CapturingChanges(feed,
                Clock.systemUTC(), CaptureMetrics.NONE, Duration.ofHours(1)), connections,
                new Pacing(Duration.ofMillis(20), Duration.ofMillis(200)), Clock.systemUTC(), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMillis(100))) {
            watching.assigned(0, key -> key.equals(accounts.key()), () -> changeLog);
            await().atMost(Duration.ofSeconds(10)).until(() -> changeLog.transactions() >= 1);

            metadata.add(new ColumnsChange(List.of("cr123_tier"), List.of("fax")));

            await().atMost(Duration.ofSeconds(10)).until(() -> types(CaptureNotice.Type.SCHEMA_CHANGED) == 1);
            CaptureNotice changed = changeLog.notices().stream()
                    .filter(n -> n.type() == CaptureNotice.Type.SCHEMA_CHANGED).findFirst().orElseThrow();
            assertThat(changed.columnsAdded()).containsExactly("cr123_tier");
            assertThat(changed.columnsRemoved()).containsExactly("fax");
        }
    }

    private long types(CaptureNotice.Type type) {
        return changeLog.notices().stream().filter(n -> n.type() == type).count();
    }

    private OwnedSubscriptions owned(SubscriptionCatalogue catalogue, Duration failingAfter) {
        return new OwnedSubscriptions(catalogue, new CapturingChanges(table, Clock.systemUTC(), CaptureMetrics.NONE,
                Duration.ofHours(1)), connections, new Pacing(Duration.ofMillis(20), Duration.ofMillis(200)),
                Clock.systemUTC(), Duration.ofSeconds(2), Duration.ofSeconds(5), failingAfter, Duration.ofMinutes(15));
    }

    static SubscriptionCatalogue catalogue(Subscription... subscriptions) {
        SubscriptionCatalogue catalogue = new SubscriptionCatalogue(new PollerSettings.TableDefaults(
                Strategy.CHANGE_TRACKING, Duration.ofSeconds(1), Duration.ofMillis(250), 5000, StartPosition.SNAPSHOT,
                true, ChangeFormat.GENERIC));
        for (Subscription subscription : subscriptions) {
            catalogue.defined(SubscriptionSpec.of(subscription, java.time.Instant.EPOCH, "test"));
        }
        return catalogue;
    }
}
