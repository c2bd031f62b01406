package io.crmbridge.poller.capture;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.crmbridge.poller.TestClock;
import io.crmbridge.poller.subscription.StartPosition;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.tracking.ChangeKind;
import io.crmbridge.poller.tracking.InMemoryChangeFeed;
import org.junit.jupiter.api.Test;

import static io.crmbridge.poller.capture.ExactlyOnce.assertExactlyOnce;
import static io.crmbridge.poller.capture.SubscriptionFixture.ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;

/** The MODIFIED_ON strategy through {@link CapturingChanges}. */
class ModifiedOnCaptureTest {

    private final TestClock clock = TestClock.atEpochDay(20);
    private final InMemoryChangeFeed table = new InMemoryChangeFeed(clock);
    private final InMemoryChangeLog changeLog = new InMemoryChangeLog();

    @Test
    void publishesEveryRowAsSnapshotThenLaterChangesAsCreatedOrUpdated() {
        List<String> ids = createAccounts(5);
        CaptureDriver driver = driver(StartPosition.SNAPSHOT, 2);
        driver.pollUntilCaughtUp();
        clock.advance(Duration.ofSeconds(5));
        table.update(ids.get(3), Map.of("name", "changed"));
        String created = table.create(Map.of("name", "new"));
        driver.pollUntilCaughtUp();

        List<CapturedChange> events = changeLog.committed();
        assertThat(events.subList(0, 5)).extracting(CapturedChange::kind).containsOnly(ChangeKind.SNAPSHOT);
        assertThat(events.subList(5, events.size())).extracting(CapturedChange::recordId, CapturedChange::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ids.get(3), ChangeKind.UPDATED),
                        org.assertj.core.groups.Tuple.tuple(created, ChangeKind.CREATED));
        assertThat(events).extracting(CapturedChange::source).containsOnly(Strategy.MODIFIED_ON);
        assertExactlyOnce(events, table.currentVersions(), Set.of());
    }

    @Test
    void reReadsTheOverlapWindowWithoutPublishingTwice() {
        createAccounts(3);
        CaptureDriver driver = driver(StartPosition.SNAPSHOT, 10);
        for (int i = 0; i < 4; i++) {
            driver.pollUntilCaughtUp();
            clock.advance(Duration.ofMillis(300));
        }

        assertThat(changeLog.committed()).hasSize(3);
        assertExactlyOnce(changeLog.committed(), table.currentVersions(), Set.of());
    }

    @Test
    void publishesARowCommittedLateWithAModifiedOnBehindTheWatermark() {
        List<String> ids = createAccounts(3);
        CaptureDriver driver = driver(StartPosition.SNAPSHOT, 10);
        driver.pollUntilCaughtUp();
        Instant watermark = changeLog.checkpoint(ACCOUNTS).watermark();

        table.updateAsOf(ids.get(0), watermark.minusMillis(500));
        driver.pollUntilCaughtUp();

        assertThat(changeLog.committed()).hasSize(4);
        assertExactlyOnce(changeLog.committed(), table.currentVersions(), Set.of());
    }

    @Test
    void pagesThroughMoreRowsSharingOneModifiedOnThanFitOnAPage() {
        List<String> ids = createAccounts(7);
        CaptureDriver driver = driver(StartPosition.SNAPSHOT, 3);
        driver.pollUntilCaughtUp();
        Instant instant = clock.instant();
        ids.forEach(id -> table.updateAsOf(id, instant));
        driver.pollUntilCaughtUp();
        driver.pollUntilCaughtUp();

        assertThat(changeLog.committed()).hasSize(14);
        assertThat(changeLog.indexed(ACCOUNTS)).containsOnlyKeys(ids);
        assertExactlyOnce(changeLog.committed(), table.currentVersions(), Set.of());
    }

    @Test
    void publishesNothingTwiceAfterARestartThatReReadsTheOverlap() {
        List<String> ids = createAccounts(6);
        CaptureDriver driver = driver(StartPosition.SNAPSHOT, 4);
        driver.pollOnce();
        driver.restart();
        driver.pollUntilCaughtUp();
        table.update(ids.get(1), Map.of("name", "x"));
        driver.pollUntilCaughtUp();
        driver.restart();
        driver.pollUntilCaughtUp();

        assertExactlyOnce(changeLog.committed(), table.currentVersions(), Set.of());
        assertThat(changeLog.committed()).hasSize(7);
    }

    @Test
    void startsFromNowWithoutPublishingTheRowsThatExist() {
        createAccounts(4);
        clock.advance(Duration.ofSeconds(1));
        CaptureDriver driver = driver(StartPosition.NOW, 10);
        driver.pollUntilCaughtUp();
        clock.advance(Duration.ofSeconds(1));
        String created = table.create(Map.of("name", "after start"));
        driver.pollUntilCaughtUp();

        assertThat(changeLog.committed()).extracting(CapturedChange::recordId, CapturedChange::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(created, ChangeKind.CREATED));
    }

    @Test
    void switchesFromChangeTrackingWithoutPublishingTheRowsAgain() {
        List<String> ids = createAccounts(4);
        new CaptureDriver(SubscriptionFixture.accounts(2), table, changeLog, clock).pollUntilCaughtUp();
        clock.advance(Duration.ofSeconds(5));
        table.update(ids.get(2), Map.of("name", "changed after the switch"));

        driver(StartPosition.SNAPSHOT, 2).pollUntilCaughtUp();

        assertThat(changeLog.committed()).hasSize(5);
        assertThat(changeLog.committed().get(4).source()).isEqualTo(Strategy.MODIFIED_ON);
        assertExactlyOnce(changeLog.committed(), table.currentVersions(), Set.of());
    }

    private CaptureDriver driver(StartPosition start, int pageSize) {
        return new CaptureDriver(SubscriptionFixture.subscription(Strategy.MODIFIED_ON, start, pageSize), table,
                changeLog, clock);
    }

    private List<String> createAccounts(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(table.create(Map.of("name", "account " + i)));
        }
        return ids;
    }
}
