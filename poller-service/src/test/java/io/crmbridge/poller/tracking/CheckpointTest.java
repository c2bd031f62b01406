package io.crmbridge.poller.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.crmbridge.crm.record.DeltaLink;
import io.crmbridge.poller.subscription.SnapshotRequest;
import io.crmbridge.poller.subscription.StartPosition;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.poller.subscription.SubscriptionKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointTest {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    private static final DeltaLink LINK = new DeltaLink("https://org/api/data/v9.2/accounts?$deltatoken=9%2112%2f07%2f2026");

    @Test
    void aSubscriptionResumesACheckpointOfItsGenerationAndColumns() {
        Checkpoint written = Checkpoint.caughtUp(LINK, AT).writtenFor(accounts(List.of("name"), 2));

        assertThat(written.resumedBy(accounts(List.of("name"), 2))).isEqualTo(written);
        assertThat(written.resumedBy(accounts(List.of("name"), 1))).as("an older definition").isEqualTo(written);
    }

    @Test
    void aResetSubscriptionStartsOver() {
        Checkpoint written = Checkpoint.caughtUp(LINK, AT).writtenFor(accounts(List.of("name"), 0));

        assertThat(written.resumedBy(accounts(List.of("name"), 1))).isNull();
    }

    @Test
    void otherColumnsReSyncBecauseTheDeltaLinkRepeatsTheOldSelect() {
        Checkpoint written = Checkpoint.caughtUp(LINK, AT).writtenFor(accounts(List.of("name"), 0));

        Checkpoint resumed = written.resumedBy(accounts(List.of("name", "revenue"), 0));

        assertThat(resumed.deltaLink()).isNull();
        assertThat(resumed.synced()).as("a re-sync, reconciled against the record index").isTrue();
        assertThat(resumed.inFullSync()).isTrue();
        Checkpoint unknown = Checkpoint.caughtUp(LINK, AT);
        assertThat(unknown.resumedBy(accounts(List.of("name", "revenue"), 0)))
                .as("written before columns were recorded: resumed as it is").isEqualTo(unknown);
    }

    @Test
    void aSnapshotRequestRunsOncePerIdAndKeepsItsProgressThroughAReSync() {
        Checkpoint caughtUp = Checkpoint.caughtUp(LINK, AT);
        Subscription asked = asking(StartPosition.SNAPSHOT, "s1");

        Checkpoint started = caughtUp.requested(asked, AT);

        assertThat(started.snapshot()).isEqualTo(SnapshotProgress.started("s1", AT));
        assertThat(started.snapshotting()).isTrue();
        assertThat(started.betweenPolls()).as("a snapshot page may go now").isTrue();
        Checkpoint halfWay = started.withSnapshot(started.snapshot().after(PageLink.of("https://org/next"), 5000));
        assertThat(halfWay.requested(asked, AT.plusSeconds(60))).as("the same id again").isEqualTo(halfWay);
        assertThat(halfWay.forResync().snapshot()).as("a re-sync keeps the snapshot's place")
                .isEqualTo(halfWay.snapshot());
        assertThat(halfWay.forResync().betweenPolls()).as("but its pages wait for the re-sync").isFalse();
        assertThat(halfWay.requested(asking(StartPosition.SNAPSHOT, "s2"), AT).snapshot().id())
                .as("another id starts over").isEqualTo("s2");
        assertThat(caughtUp.requested(accounts(List.of("name"), 0), AT)).as("nothing asked for").isEqualTo(caughtUp);
    }

    @Test
    void aSnapshotAskedForBeforeTheInitialSyncIsThatSync() {
        Checkpoint fresh = Checkpoint.none(Strategy.CHANGE_TRACKING);

        assertThat(fresh.requested(asking(StartPosition.SNAPSHOT, "s1"), AT).snapshot().completed())
                .as("the initial sync publishes every row as SNAPSHOT").isTrue();
        assertThat(fresh.requested(asking(StartPosition.NOW, "s1"), AT).snapshotting())
                .as("a start from NOW publishes none: the snapshot runs").isTrue();
    }

    private static Subscription asking(StartPosition start, String snapshotId) {
        return new Subscription(SubscriptionKey.of("contoso", "account"), "accounts", List.of("name"),
                Strategy.CHANGE_TRACKING, Duration.ofSeconds(1), Duration.ofSeconds(1), 5000, start, true, 0,
                new SnapshotRequest(snapshotId, AT, "admin"));
    }

    private static Subscription accounts(List<String> columns, int generation) {
        return new Subscription(SubscriptionKey.of("contoso", "account"), "accounts", columns, Strategy.CHANGE_TRACKING,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 5000, StartPosition.SNAPSHOT, true, generation);
    }
}
