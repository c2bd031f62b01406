package io.crmbridge.poller;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=poller-service", "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "spring.kafka.properties.schema.registry.url=mock://application-it",
                "crmbridge.poller.connections.contoso.tables.account.select=name",
                "crmbridge.poller.connections.contoso.tables.cr123_project.select=cr123_name",
                "crmbridge.token-encryption.active-key-id=k1",
                "crmbridge.token-encryption.keys.k1=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="})
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1"})
class PollerServiceApplicationIT {

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void createsTheTopicsItOwnsAtStartUpWithAChangeTopicPerSubscribedTable() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            assertThat(admin.listTopics().names().get()).contains("crm.poller-checkpoints", "crm.changes.account",
                    "crm.changes.cr123_project");
        }
    }
}
