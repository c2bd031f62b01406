package io.crmbridge.poller.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.crmbridge.crm.record.DeltaLink;
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

    private static Subscription accounts(List<String> columns, int generation) {
        return new Subscription(SubscriptionKey.of("contoso", "account"), "accounts", columns, Strategy.CHANGE_TRACKING,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 5000, StartPosition.SNAPSHOT, true, generation);
    }
}
