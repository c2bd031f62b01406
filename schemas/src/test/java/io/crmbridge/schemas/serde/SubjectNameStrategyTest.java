package io.crmbridge.schemas.serde;

import java.util.Map;

import io.crmbridge.schemas.ContractFixtures;
import io.crmbridge.schemas.registry.InMemorySchemaRegistry;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubjectNameStrategyTest {

    private static final String TOPIC = "crm.changes.account";

    @ParameterizedTest(name = "{0} names the value subject {1}")
    @CsvSource({
            "io.confluent.kafka.serializers.subject.TopicNameStrategy, crm.changes.account-value",
            "io.confluent.kafka.serializers.subject.RecordNameStrategy, io.crmbridge.events.RecordChanged",
            "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy, "
                    + "crm.changes.account-io.crmbridge.events.RecordChanged",
            "io.crmbridge.schemas.serde.TopicNameStrategy, crm.changes.account-value",
            "io.crmbridge.schemas.serde.RecordNameStrategy, io.crmbridge.events.RecordChanged",
            "io.crmbridge.schemas.serde.TopicRecordNameStrategy, crm.changes.account-io.crmbridge.events.RecordChanged",
            "io.crmbridge.schemas.serde.SubjectNameStrategyTest$Prefixed, team-a.RecordChanged",
    })
    void registersValuesUnderTheSubjectTheConfiguredStrategyNames(String strategy, String subject) {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

        new AvroSerializer<>(registry, Map.of("value.subject.name.strategy", strategy), false)
                .serialize(TOPIC, ContractFixtures.recordChanged());

        assertThat(registry.subjects(false)).containsExactly(subject);
    }

    @Test
    void namesKeySubjectsWithTheKeyStrategyAndSuffix() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        Map<String, Object> configs = Map.of(
                "key.subject.name.strategy", TopicNameStrategy.class,
                "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy");

        new AvroSerializer<>(registry, configs, true).serialize(TOPIC, "contoso-prod:42");

        assertThat(registry.subjects(false)).containsExactly(TOPIC + "-key");
    }

    @Test
    void refusesAClassThatIsNoSubjectNameStrategy() {
        assertThatThrownBy(() -> new AvroSerializer<>(new InMemorySchemaRegistry(),
                Map.of("value.subject.name.strategy", "java.lang.String"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.subject.name.strategy")
                .hasMessageContaining("not a subject name strategy");
        assertThatThrownBy(() -> new AvroSerializer<>(new InMemorySchemaRegistry(),
                Map.of("value.subject.name.strategy", "io.confluent.NoSuchStrategy"), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("io.confluent.NoSuchStrategy");
    }

    /** A team's own strategy, configured by class name. */
    public static final class Prefixed implements SubjectNameStrategy {
        @Override
        public String subjectName(String topic, boolean isKey, Schema schema) {
            return "team-a." + schema.getName();
        }
    }
}
