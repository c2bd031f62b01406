package io.crmbridge.poller.capture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.poller.TestClock;
import io.crmbridge.poller.subscription.ChangeFormat;
import io.crmbridge.poller.subscription.StartPosition;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.poller.tracking.ChangeFeed;
import io.crmbridge.poller.tracking.ChangeKind;
import io.crmbridge.poller.tracking.Checkpoint;
import io.crmbridge.poller.tracking.ColumnsChange;
import io.crmbridge.poller.tracking.FeedFailure;
import io.crmbridge.poller.tracking.FeedRequest;
import io.crmbridge.poller.tracking.FeedResult;
import io.crmbridge.poller.tracking.FeedTable;
import io.crmbridge.poller.tracking.InMemoryChangeFeed;
import io.crmbridge.poller.tracking.SnapshotProgress;
import org.junit.jupiter.api.Test;

import static io.crmbridge.poller.capture.ExactlyOnce.assertExactlyOnce;
import static io.crmbridge.poller.capture.SubscriptionFixture.ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;

class CapturingChangesTest {

    private final TestClock clock = TestClock.atEpochDay(10);
    private final InMemoryChangeFeed table = new InMemoryChangeFeed(clock);
    private final InMemoryChangeLog changeLog = new InMemoryChangeLog();

    @Test
    void publishesEveryRowOnceAsSnapshotThroughAPagedInitialSyncCommittingEachPageWithItsNextLink() {
        List<String> ids = createAccounts(7);
        CaptureDriver driver = driver(SubscriptionFixture.accounts(3));

        driver.pollOnce();
        assertThat(changeLog.committed()).hasSize(3);
        assertThat(changeLog.checkpoint(ACCOUNTS).nextLink()).isNotNull();
        assertThat(changeLog.checkpoint(ACCOUNTS).deltaLink()).isNull();

        driver.pollUntilCaughtUp();
        assertThat(changeLog.transactions()).isEqualTo(3);
        assertThat(changeLog.committed()).extracting(CapturedChange::kind).containsOnly(ChangeKind.SNAPSHOT);
        assertThat(changeLog.committed()).extracting(CapturedChange::recordId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(changeLog.checkpoint(ACCOUNTS).deltaLink()).isNotNull();
        assertThat(changeLog.checkpoint(ACCOUNTS).nextLink()).isNull();
    }

    @Test
    void publishesCreatesUpdatesAndDeletesAfterTheInitialSyncWithTheirChangeType() {
        List<String> ids = createAccounts(3);
        CaptureDriver driver = driver(SubscriptionFixture.accounts(10));
        driver.pollUntilCaughtUp();
        clock.advance(Duration.ofSeconds(1));

        String created = table.create(Map.of("name", "new"));
        table.update(ids.get(0), Map.of("name", "renamed"));
        table.delete(ids.get(1));
        driver.pollUntilCaughtUp();

        List<CapturedChange> delta = changeLog.committed().subList(3, changeLog.committed().size());
        assertThat(delta).extracting(CapturedChange::recordId, CapturedChange::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(created, ChangeKind.CREATED),
                org.assertj.core.groups.Tuple.tuple(ids.get(0), ChangeKind.UPDATED),
                org.assertj.core.groups.Tuple.tuple(ids.get(1), ChangeKind.DELETED));
        CapturedChange update = delta.get(1);
        assertThat(update.version()).isEqualTo(table.currentVersions().get(ids.get(0)));
        assertThat(update.attributes()).containsEntry("name", "renamed");
        assertThat(update.changedAt()).isNotNull();
        assertThat(update.source()).isEqualTo(Strategy.CHANGE_TRACKING);
        assertThat(delta.get(2).attributes()).isEmpty();
        assertThat(delta.get(2).version()).isNull();
    }

    @Test
    void reportsARowCreatedAndUpdatedBetweenTwoPollsAsCreated() {
        CaptureDriver driver = driver(SubscriptionFixture.accounts(10));
        driver.pollUntilCaughtUp();
        clock.advance(Duration.ofSeconds(1));

        String id = table.create(Map.of("name", "new"));
        table.update(id, Map.of("name", "newer"));
        driver.pollUntilCaughtUp();

        assertThat(changeLog.committed()).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(ChangeKind.CREATED);
            assertThat(event.attributes()).containsEntry("name", "newer");
        });
    }

    @Test
    void startsFromNowWithoutPublishingTheRowsThatExist() {
        createAccounts(5);
        CaptureDriver driver = driver(SubscriptionFixture.subscription(Strategy.CHANGE_TRACKING, StartPosition.NOW, 2));
        driver.pollUntilCaughtUp();
        assertThat(changeLog.committed()).isEmpty();
        assertThat(changeLog.checkpoint(ACCOUNTS).deltaLink()).isNotNull();

        String created = table.create(Map.of("name", "after start"));
        driver.pollUntilCaughtUp();

        assertThat(changeLog.committed()).extracting(CapturedChange::recordId, CapturedChange::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(created, ChangeKind.CREATED));
    }

    @Test
    void resyncsAfterAnExpiredDeltaTokenPublishingOnlyRowsChangedSinceTheLastPoll() {
        List<String> ids = createAccounts(9);
        CaptureDriver driver = driver(SubscriptionFixture.accounts(4));
        driver.pollUntilCaughtUp();
        table.update(ids.get(2), Map.of("name", "seen in a delta"));
        driver.pollUntilCaughtUp();
        int before = changeLog.committed().size();

        table.expireDeltaTokens();
        table.update(ids.get(5), Map.of("name", "changed while expired"));
        String created = table.create(Map.of("name", "created while expired"));
        driver.pollUntilCaughtUp();

        assertThat(driver.outcomes()).hasAtLeastOneElementOfType(PollOutcome.Resync.class);
        assertThat(changeLog.committed().subList(before, changeLog.committed().size()))
                .extracting(CapturedChange::recordId).containsExactlyInAnyOrder(ids.get(5), created);
        assertExactlyOnce(changeLog.committed(), table.currentVersions(), Set.of());
    }

    @Test
    void resyncPublishesTheDeletionsMadeWhileTheTokenWasExpiredAndNothingForUntouchedRows() {
        List<String> ids = createAccounts(20);
        CaptureDriver driver = driver(SubscriptionFixture.accounts(3));
        driver.pollUntilCaughtUp();
        int before = changeLog.committed().size();
        expireDeleting5AndUpdating5(ids);
        driver.pollUntilCaughtUp();

        List<CapturedChange> resync = changeLog.committed().subList(before, changeLog.committed().size());
        assertThat(resync).filteredOn(c -> c.kind() == ChangeKind.DELETED).extracting(CapturedChange::recordId)
                .containsExactlyInAnyOrderElementsOf(ids.subList(0, 5));
        assertThat(resync).filteredOn(c -> c.kind() == ChangeKind.UPDATED).extracting(CapturedChange::recordId)
                .containsExactlyInAnyOrderElementsOf(ids.subList(5, 10));
        assertThat(resync).hasSize(10);
        assertResyncCompletedWith(5, 15);
        assertThat(changeLog.indexed(ACCOUNTS)).containsOnlyKeys(ids.subList(5, 20));
        assertExactlyOnce(changeLog.committed(), table.currentVersions(), Set.copyOf(ids.subList(0, 5)));
    }

    @Test
    void aResyncInterruptedByARestartStartsOverAndStillPublishesEveryDeletionOnce() {
        List<String> ids = createAccounts(20);
        CaptureDriver driver = driver(SubscriptionFixture.accounts(3));
        driver.pollUntilCaughtUp();
        int before = changeLog.committed().size();
        expireDeleting5AndUpdating5(ids);

        driver.pollOnce(); // SYNC_EXPIRED
        driver.pollOnce(); // the first page of the re-sync
        driver.pollOnce(); // the second
        driver.restart();
        driver.pollUntilCaughtUp();

        List<CapturedChange> resync = changeLog.committed().subList(before, changeLog.committed().size());
        assertThat(resync).filteredOn(c -> c.kind() == ChangeKind.DELETED).hasSize(5);
        assertThat(resync).filteredOn(c -> c.kind() == ChangeKind.UPDATED).hasSize(5);
        assertThat(resync).hasSize(10);
        assertResyncCompletedWith(5, 15);
        assertExactlyOnce(changeLog.committed(), table.currentVersions(), Set.copyOf(ids.subList(0, 5)));
    }

    @Test
    void reportsARowCreatedJustBeforeARestartAsCreated() {
        createAccounts(3);
        CaptureDriver driver = driver(SubscriptionFixture.accounts(10));
        driver.pollUntilCaughtUp();
        String created = table.create(Map.of("name", "created just before the crash"));
        driver.restart();
        driver.pollUntilCaughtUp();

        assertThat(changeLog.committed()).filteredOn(c -> c.recordId().equals(created))
                .extracting(CapturedChange::kind).containsExactly(ChangeKind.CREATED);
    }

    @Test
    void skipsADeltaRowAtItsIndexedEtagAndPublishesOneAtAnotherWhateverTheirOrder() {
        List<String> ids = createAccounts(4);
        CaptureDriver driver = driver(SubscriptionFixture.accounts(10));
        driver.pollUntilCaughtUp();
        for (int i = 0; i < 30; i++) {
            table.update(ids.get(i % 4), Map.of("name", "edit " + i));
            driver.pollUntilCaughtUp();
        }

        assertThat(changeLog.committed()).hasSize(4 + 30);
        assertExactlyOnce(changeLog.committed(), table.currentVersions(), Set.of());
    }

    @Test
    void publishesRowsWrittenDuringAPagedInitialSyncExactlyOnce() {
        List<String> ids = createAccounts(9);
        CaptureDriver driver = driver(SubscriptionFixture.accounts(3));
        driver.pollOnce();
        table.update(ids.get(0), Map.of("name", "changed after its page was read"));
        table.update(ids.get(8), Map.of("name", "changed before its page was read"));
        String created = table.create(Map.of("name", "created during the sync"));
        driver.pollUntilCaughtUp();
        driver.pollUntilCaughtUp();

        assertThat(changeLog.committed()).extracting(CapturedChange::recordId).contains(created);
        assertExactlyOnce(changeLog.committed(), table.currentVersions(), Set.of());
    }

    @Test
    void publishesRowsWrittenDuringAPagedInitialSyncOnceAlsoWhenRestartedDuringAndAfterIt() {
        restartDuringAndAfterAPagedSyncWithConcurrentWrites();
    }

    private void restartDuringAndAfterAPagedSyncWithConcurrentWrites() {
        List<String> ids = createAccounts(12);
        CaptureDriver driver = driver(SubscriptionFixture.accounts(3));
        driver.pollOnce();
        ids.forEach(id -> table.update(id, Map.of("name", "changed during the sync")));
        driver.pollOnce();
        driver.restart();
        driver.pollUntilCaughtUp();
        driver.restart();
        driver.pollUntilCaughtUp();
        table.update(ids.get(5), Map.of("name", "changed after the sync"));
        driver.pollUntilCaughtUp();

        assertExactlyOnce(changeLog.committed(), table.currentVersions(), Set.of());
    }

    @Test
    void readsAPageAgainWhenItsTransactionAbortedAndPublishesItOnce() {
        List<String> ids = createAccounts(4);
        CaptureDriver driver = driver(SubscriptionFixture.accounts(2));
        changeLog.answerNext(new CommitOutcome.Committed());
        changeLog.answerNext(new CommitOutcome.Aborted("send failed"));
        driver.pollUntilCaughtUp();
        table.update(ids.get(3), Map.of("name", "x"));
        table.delete(ids.get(0));
        changeLog.answerNext(new CommitOutcome.Aborted("send failed"));
        driver.pollUntilCaughtUp();

        assertThat(driver.outcomes()).hasAtLeastOneElementOfType(PollOutcome.NotCommitted.class);
        assertExactlyOnce(changeLog.committed(), table.currentVersions(), Set.of(ids.get(0)));
    }

    @Test
    void reloadsTheCommittedCheckpointWhenACommitIsUncertainAndPublishesNothingTwice() {
        List<String> ids = createAccounts(6);
        CaptureDriver driver = driver(SubscriptionFixture.accounts(2));
        changeLog.answerNext(new CommitOutcome.Uncertain("commit timed out"));
        driver.pollUntilCaughtUp();
        table.update(ids.get(1), Map.of("name", "x"));
        changeLog.answerNext(new CommitOutcome.Uncertain("commit timed out"));
        driver.pollUntilCaughtUp();

        assertExactlyOnce(changeLog.committed(), table.currentVersions(), Set.of());
    }

    @Test
    void continuesFromTheCommittedCheckpointAfterARestartBetweenPages() {
        List<String> ids = createAccounts(10);
        CaptureDriver driver = driver(SubscriptionFixture.accounts(3));
        driver.pollOnce();
        driver.pollOnce();
        driver.restart();
        driver.pollUntilCaughtUp();
        table.update(ids.get(4), Map.of("name", "x"));
        table.delete(ids.get(9));
        driver.pollOnce();
        driver.restart();
        driver.pollUntilCaughtUp();

        assertExactlyOnce(changeLog.committed(), table.currentVersions(), Set.of(ids.get(9)));
    }

    @Test
    void keepsTheCommittedCheckpointWhilePollsFindNothing() {
        createAccounts(2);
        CaptureDriver driver = driver(SubscriptionFixture.accounts(10));
        driver.pollUntilCaughtUp();
        int transactions = changeLog.transactions();

        for (int i = 0; i < 5; i++) {
            driver.pollOnce();
        }

        assertThat(changeLog.transactions()).isEqualTo(transactions);
        assertThat(table.reads()).isEqualTo(6);
    }

    @Test
    void commitsAFreshDeltaLinkOfAQuietTableOnceTheCommittedOneIsOld() {
        CaptureDriver driver = driver(SubscriptionFixture.accounts(10));
        driver.pollUntilCaughtUp();
        int transactions = changeLog.transactions();

        clock.advance(Duration.ofHours(2));
        driver.pollOnce();

        assertThat(changeLog.transactions()).isEqualTo(transactions + 1);
    }

    @Test
    void defersWithTheServersRetryAfterWhenThrottled() {
        CaptureDriver driver = driver(SubscriptionFixture.accounts(10));
        table.failNext(FeedFailure.THROTTLED, Duration.ofSeconds(7));

        PollOutcome outcome = driver.pollOnce();

        assertThat(outcome).isEqualTo(new PollOutcome.Deferred(FeedFailure.THROTTLED, Duration.ofSeconds(7),
                "injected THROTTLED"));
        assertThat(changeLog.transactions()).isZero();
    }

    @Test
    void givesTheSameEventIdToTheSameRowVersionCapturedTwice() {
        String id = table.create(Map.of("name", "a"));
        String etag = "W/\"" + table.currentVersions().get(id) + "\"";
        CaptureDriver first = driver(SubscriptionFixture.accounts(10));
        first.pollUntilCaughtUp();
        InMemoryChangeLog otherLog = new InMemoryChangeLog();
        new CaptureDriver(SubscriptionFixture.accounts(10), table, otherLog, clock).pollUntilCaughtUp();

        assertThat(changeLog.committed().get(0).eventId()).isEqualTo(otherLog.committed().get(0).eventId())
                .isEqualTo(EventIds.upserted(ACCOUNTS, id, etag));
    }

    @Test
    void aSnapshotOnDemandPublishesEveryRowAgainPageByPageBesideTheDeltaLinkAndLeavesTheIndexAlone() {
        List<String> ids = createAccounts(5);
        Subscription accounts = SubscriptionFixture.accounts(2);
        driver(accounts).pollUntilCaughtUp();
        List<CapturedChange> initial = changeLog.committed();
        Map<String, String> indexed = changeLog.indexed(ACCOUNTS);
        Checkpoint caughtUp = changeLog.checkpoint(ACCOUNTS);
        CapturingChanges capturing = new CapturingChanges(table, clock, CaptureMetrics.NONE, Duration.ofHours(1));

        Checkpoint at = caughtUp.withSnapshot(SnapshotProgress.started("s1", clock.instant()));
        List<PollOutcome> outcomes = new ArrayList<>();
        do {
            outcomes.add(capturing.snapshotPage(accounts, at, changeLog));
            at = ((PollOutcome.Captured) outcomes.get(outcomes.size() - 1)).next();
        } while (((PollOutcome.Captured) outcomes.get(outcomes.size() - 1)).more());

        List<CapturedChange> snapshot = changeLog.committed().subList(initial.size(), changeLog.committed().size());
        assertThat(outcomes).hasSize(3); // pages of 2
        assertThat(snapshot).extracting(CapturedChange::kind).containsOnly(ChangeKind.SNAPSHOT);
        assertThat(snapshot).extracting(CapturedChange::recordId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(snapshot).extracting(CapturedChange::eventId).as("not dropped as repeats of the initial sync's")
                .doesNotContainAnyElementsOf(initial.stream().map(CapturedChange::eventId).toList());
        assertThat(changeLog.notices()).filteredOn(n -> "s1".equals(n.snapshotId()))
                .extracting(CaptureNotice::type, CaptureNotice::rows).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(CaptureNotice.Type.SNAPSHOT_STARTED, 0L),
                        org.assertj.core.groups.Tuple.tuple(CaptureNotice.Type.SNAPSHOT_PROGRESS, 2L),
                        org.assertj.core.groups.Tuple.tuple(CaptureNotice.Type.SNAPSHOT_PROGRESS, 4L),
                        org.assertj.core.groups.Tuple.tuple(CaptureNotice.Type.SNAPSHOT_COMPLETED, 5L));
        Checkpoint done = changeLog.checkpoint(ACCOUNTS);
        assertThat(done.snapshot().completed()).isTrue();
        assertThat(done.snapshotting()).isFalse();
        assertThat(done.deltaLink()).as("the subscription's own read is where it was").isEqualTo(caughtUp.deltaLink());
        assertThat(changeLog.indexed(ACCOUNTS)).isEqualTo(indexed);
    }

    @Test
    void aSnapshotPageThatCannotBeReadIsDeferredAndCommitsNothing() {
        createAccounts(3);
        Subscription accounts = SubscriptionFixture.accounts(10);
        driver(accounts).pollUntilCaughtUp();
        int transactions = changeLog.transactions();
        Checkpoint at = changeLog.checkpoint(ACCOUNTS).withSnapshot(SnapshotProgress.started("s2", clock.instant()));
        table.failNext(FeedFailure.THROTTLED, Duration.ofSeconds(3));

        PollOutcome outcome = new CapturingChanges(table, clock, CaptureMetrics.NONE, Duration.ofHours(1))
                .snapshotPage(accounts, at, changeLog);

        assertThat(outcome).isInstanceOfSatisfying(PollOutcome.Deferred.class,
                d -> assertThat(d.reason()).isEqualTo(FeedFailure.THROTTLED));
        assertThat(changeLog.transactions()).isEqualTo(transactions);
    }

    @Test
    void aTypedRowWithAColumnTheMetadataLacksReadsTheMetadataAgainAndThePageWithIt() {
        createAccounts(2);
        FeedTable withoutName = new FeedTable(TableMetadata.minimal("account", "accounts"),
                java.net.URI.create("https://contoso.crm.dynamics.com"));
        java.util.concurrent.atomic.AtomicInteger metadataReads = new java.util.concurrent.atomic.AtomicInteger();
        ChangeFeed feed = new ChangeFeed() {
            @Override
            public FeedResult read(Subscription subscription, FeedRequest request) {
                return table.read(subscription, request);
            }

            @Override
            public Optional<FeedTable> table(Subscription subscription) {
                return Optional.of(withoutName);
            }

            @Override
            public Optional<ColumnsChange> refreshColumns(Subscription subscription) {
                return metadataReads.getAndIncrement() == 0
                        ? Optional.of(new ColumnsChange(List.of("name"), List.of())) : Optional.empty();
            }
        };
        Subscription typed = new Subscription(ACCOUNTS, "accounts", List.of("name"), Strategy.CHANGE_TRACKING,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 10, StartPosition.SNAPSHOT, false, 0, null,
                ChangeFormat.TYPED);
        CaptureDriver driver = new CaptureDriver(typed, feed, changeLog, clock);

        assertThat(driver.pollOnce()).isInstanceOf(PollOutcome.NotCommitted.class);
        assertThat(changeLog.notices()).extracting(CaptureNotice::type).containsExactly(
                CaptureNotice.Type.SCHEMA_CHANGED);
        assertThat(changeLog.committed()).as("nothing published with the old columns").isEmpty();

        driver.pollUntilCaughtUp();

        assertThat(changeLog.committed()).hasSize(2).allSatisfy(change -> {
            assertThat(change.format()).isEqualTo(ChangeFormat.TYPED);
            assertThat(change.table()).isEqualTo(withoutName);
        });
        assertThat(metadataReads).as("each unknown column name checked once").hasValue(1);
    }

    /** The capture events said the initial sync, then the re-sync, which ended with these figures. */
    private void assertResyncCompletedWith(long deletes, long records) {
        assertThat(changeLog.notices()).extracting(CaptureNotice::type).containsSubsequence(
                CaptureNotice.Type.SNAPSHOT_STARTED, CaptureNotice.Type.SNAPSHOT_COMPLETED,
                CaptureNotice.Type.RESYNC_REQUIRED, CaptureNotice.Type.RESYNC_COMPLETED);
        CaptureNotice completed = changeLog.notices().get(changeLog.notices().size() - 1);
        assertThat(completed.type()).isEqualTo(CaptureNotice.Type.RESYNC_COMPLETED);
        assertThat(completed.deletes()).isEqualTo(deletes);
        assertThat(completed.rows()).as("records held after the re-sync").isEqualTo(records);
    }

    /** The delta token expires; meanwhile the first five rows are deleted and the next five updated. */
    private void expireDeleting5AndUpdating5(List<String> ids) {
        table.expireDeltaTokens();
        ids.subList(0, 5).forEach(table::delete);
        ids.subList(5, 10).forEach(id -> table.update(id, Map.of("name", "changed while expired")));
    }

    private CaptureDriver driver(io.crmbridge.poller.subscription.Subscription subscription) {
        return new CaptureDriver(subscription, table, changeLog, clock);
    }

    private List<String> createAccounts(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(table.create(Map.of("name", "account " + i)));
        }
        return ids;
    }
}
