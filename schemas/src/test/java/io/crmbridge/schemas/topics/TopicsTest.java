package io.crmbridge.schemas.topics;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicsTest {

    private final Topics topics = new Topics(TopicSettings.defaults());

    @Test
    void namesEveryTopicOfTheDesignUnderThePrefix() {
        List<String> names = List.of(topics.connections(), topics.connectionEvents(), topics.accessTokens(),
                topics.tokenRequests(), topics.tokenVault(), topics.changes("account"), topics.subscriptions(),
                topics.pollerCheckpoints(), topics.pollerRecords(), topics.captureEvents(), topics.captureSignals(),
                topics.writeCommands(), topics.writeResults(), topics.writeCommandsDlt()).stream().map(TopicSpec::name).toList();

        assertThat(names).containsExactly("crm.connections", "crm.connection-events", "crm.access-tokens",
                "crm.token-requests", "crm.token-vault", "crm.changes.account", "crm.subscriptions",
                "crm.poller-checkpoints", "crm.poller-records", "crm.capture-events", "crm.capture-signals",
                "crm.write-commands", "crm.write-results",
                "crm.write-commands.dlt");
    }

    @Test
    void usesTheConfiguredPrefix() {
        Topics prefixed = new Topics(TopicSettings.defaults().withPrefix("acme.crm"));

        assertThat(prefixed.changes("Contact").name()).isEqualTo("acme.crm.changes.contact");
        assertThat(prefixed.ownedByTokenService()).allMatch(t -> t.name().startsWith("acme.crm."));
    }

    @Test
    void compactsStateTopicsAndExpiresStreams() {
        assertThat(List.of(topics.connections(), topics.accessTokens(), topics.tokenVault(),
                topics.subscriptions(), topics.pollerCheckpoints(), topics.pollerRecords()))
                .allMatch(TopicSpec::compacted);
        assertThat(List.of(topics.connectionEvents(), topics.tokenRequests(), topics.changes("lead"),
                topics.writeCommands(), topics.writeResults(), topics.writeCommandsDlt())).noneMatch(TopicSpec::compacted);
        assertThat(topics.connectionEvents().configs()).containsEntry("retention.ms",
                String.valueOf(Duration.ofDays(30).toMillis()));
    }

    @Test
    void documentsTheKeyOfEachTopic() {
        assertThat(topics.changes("account").key()).isEqualTo("connectionId:recordId");
        assertThat(topics.pollerCheckpoints().key()).isEqualTo("connectionId:entity");
        assertThat(topics.subscriptions().key()).isEqualTo("connectionId:table");
        assertThat(topics.subscriptions().partitions()).as("every poller follows all of it").isEqualTo(1);
        assertThat(topics.pollerRecords().key()).isEqualTo("connectionId:entity:recordId");
        assertThat(topics.pollerRecords().partitions()).isEqualTo(topics.pollerCheckpoints().partitions());
        assertThat(topics.writeResults().key()).isEqualTo(topics.writeCommands().key());
    }

    @Test
    void refusesAChangeTopicForSomethingThatIsNotALogicalName() {
        assertThatThrownBy(() -> topics.changes("accounts; rm -rf")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an entity logical name");
    }

    @Test
    void refusesAnInvalidPrefixOrPartitionCount() {
        assertThatThrownBy(() -> TopicSettings.defaults().withPrefix("crm/prod"))
                .hasMessageContaining("topic prefix");
        assertThatThrownBy(() -> new TopicSettings("crm", 0, Optional.empty(), Duration.ofDays(1)))
                .hasMessageContaining("partitions");
    }
}
