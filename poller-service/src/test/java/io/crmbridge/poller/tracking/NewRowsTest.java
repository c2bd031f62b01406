package io.crmbridge.poller.tracking;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NewRowsTest {

    private static final Instant SYNC = Instant.parse("2026-01-05T10:00:00.600Z");
    private final NewRows newRows = new NewRows();

    @Test
    void callsARowCreatedBeforeThePreviousSyncsSecondUpdated() {
        assertThat(newRows.kindOf(row("a", "2026-01-05T09:59:59Z"), SYNC)).isEqualTo(ChangeKind.UPDATED);
    }

    @Test
    void callsARowCreatedInThePreviousSyncsSecondCreatedUnlessItWasPublished() {
        newRows.published(row("seen", "2026-01-05T10:00:00Z"));
        newRows.completed(SYNC);

        assertThat(newRows.kindOf(row("new", "2026-01-05T10:00:00Z"), SYNC)).isEqualTo(ChangeKind.CREATED);
        assertThat(newRows.kindOf(row("seen", "2026-01-05T10:00:00Z"), SYNC)).isEqualTo(ChangeKind.UPDATED);
    }

    @Test
    void callsARowCreatedWhileThePreviousSyncReadUpdatedWhenThatSyncPublishedIt() {
        newRows.published(row("raced", "2026-01-05T10:00:01Z"));
        newRows.completed(SYNC);

        assertThat(newRows.kindOf(row("raced", "2026-01-05T10:00:01Z"), SYNC)).isEqualTo(ChangeKind.UPDATED);
        assertThat(newRows.kindOf(row("later", "2026-01-05T10:00:02Z"), SYNC)).isEqualTo(ChangeKind.CREATED);
    }

    @Test
    void remembersWhatEarlierSyncsOfTheSameSecondPublished() {
        newRows.published(row("seen", "2026-01-05T10:00:00Z"));
        newRows.completed(Instant.parse("2026-01-05T10:00:00.100Z"));
        newRows.completed(Instant.parse("2026-01-05T10:00:00.400Z")); // a sync that found nothing

        assertThat(newRows.kindOf(row("seen", "2026-01-05T10:00:00Z"), Instant.parse("2026-01-05T10:00:00.400Z")))
                .isEqualTo(ChangeKind.UPDATED);
    }

    @Test
    void neverCallsARowOfTheAmbiguousSecondCreatedWithoutMemoryOfThePreviousSync() {
        newRows.published(row("seen", "2026-01-05T10:00:00Z"));
        newRows.completed(SYNC);
        newRows.forget();

        assertThat(newRows.kindOf(row("seen", "2026-01-05T10:00:00Z"), SYNC)).isEqualTo(ChangeKind.UPDATED);
        assertThat(newRows.kindOf(row("after", "2026-01-05T10:00:03Z"), SYNC)).isEqualTo(ChangeKind.CREATED);
    }

    private static FeedRow.Upserted row(String id, String createdOn) {
        Instant created = Instant.parse(createdOn);
        return new FeedRow.Upserted(id, 1, created, created, Map.of(), Map.of());
    }
}
