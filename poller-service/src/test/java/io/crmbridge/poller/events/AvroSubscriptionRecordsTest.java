package io.crmbridge.poller.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.crmbridge.events.CaptureStrategy;
import io.crmbridge.events.ChangeFormat;
import io.crmbridge.events.SubscriptionDefinition;
import io.crmbridge.poller.subscription.StartPosition;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.subscription.SubscriptionSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSubscriptionRecordsTest {

    private final AvroSubscriptionRecords records = new AvroSubscriptionRecords();

    @Test
    void writesEverySettingAndReadsItBack() {
        SubscriptionSpec spec = new SubscriptionSpec(SubscriptionKey.of("tenant:contoso", "account"), "accounts",
                List.of("name", "revenue"), Strategy.MODIFIED_ON, StartPosition.NOW, Duration.ofSeconds(5),
                Duration.ofMillis(500), 1000, false, 3, Instant.parse("2026-12-07T10:00:00Z"), "alice");

        SubscriptionDefinition written = (SubscriptionDefinition) records.definition(spec);

        assertThat(written.getConnectionId()).isEqualTo("tenant:contoso");
        assertThat(written.getIntervalMs()).isEqualTo(5000L);
        assertThat(written.getFormat()).isEqualTo(ChangeFormat.GENERIC);
        assertThat(records.specOf(written)).isEqualTo(spec);
    }

    @Test
    void leavesUnsetSettingsUnsetForThePollersDefaults() {
        SubscriptionSpec spec = new SubscriptionSpec(SubscriptionKey.of("contoso", "lead"), null, List.of(),
                Strategy.CHANGE_TRACKING, StartPosition.SNAPSHOT, null, null, null, null, 0,
                Instant.parse("2026-12-07T10:00:00Z"), SubscriptionSpec.SEED);

        SubscriptionDefinition written = (SubscriptionDefinition) records.definition(spec);

        assertThat(written.getEntitySet()).isNull();
        assertThat(written.getPageSize()).isNull();
        assertThat(records.specOf(written)).isEqualTo(spec);
    }

    @Test
    void refusesADefinitionOfANewerPollerItCannotRun() {
        SubscriptionDefinition newer = (SubscriptionDefinition) records.definition(new SubscriptionSpec(
                SubscriptionKey.of("contoso", "lead"), null, List.of(), Strategy.CHANGE_TRACKING,
                StartPosition.SNAPSHOT, null, null, null, null, 0, Instant.EPOCH, "x"));
        newer.setStrategy(CaptureStrategy.UNKNOWN);

        assertThatThrownBy(() -> records.specOf(newer)).hasMessageContaining("newer poller");
    }
}
