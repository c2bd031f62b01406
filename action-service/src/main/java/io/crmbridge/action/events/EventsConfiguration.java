package io.crmbridge.action.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.crmbridge.action.holding.ConnectionHolds;
import io.crmbridge.action.planning.CommandCodec;
import io.crmbridge.action.pipeline.Readiness;
import io.crmbridge.crm.token.AccessTokenGrants;
import io.crmbridge.crm.token.GrantSettings;
import io.crmbridge.crm.topic.ConnectionTopics;
import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.schemas.topics.OwnedTopics;
import io.crmbridge.schemas.topics.TopicSpec;
import io.crmbridge.schemas.topics.Topics;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Everything that touches the contracts: the topics this service owns (created at start-up), the command and
 * result codec, the connection events that hold and release connections, and the access-token grants.
 */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    @Bean
    OwnedTopics ownedTopics(Topics topics) {
        List<TopicSpec> owned = new ArrayList<>(topics.ownedByActionService());
        owned.add(waitingTopic(topics));
        return new OwnedTopics(owned);
    }

    /**
     * {@code <prefix>.write-commands.waiting}: commands of connections without a token, parked with the offsets
     * they were consumed at and replayed in order. Partitioned like the commands topic: a command parks in the
     * partition number it came from, and one consumer owns both (range assignment).
     */
    static TopicSpec waitingTopic(Topics topics) {
        TopicSpec commands = topics.writeCommands();
        return new TopicSpec(commands.name() + ".waiting", commands.key() + " (the command's)", commands.partitions(),
                commands.replicationFactor(), commands.configs());
    }

    @Bean
    CommandCodec commandCodec(KafkaProperties kafka) {
        return new AvroCommandCodec(kafka.buildConsumerProperties());
    }

    /** crm.connection-events into the one availability rule (crm-client's); the action does not read definitions. */
    @Bean(destroyMethod = "close")
    ConnectionTopics connectionEvents(KafkaProperties kafka, Topics topics, ConnectionHolds holds) {
        return ConnectionTopics.follow(kafka.buildConsumerProperties(), holds.availability())
                .events(topics.connectionEvents().name()).named("connection-events").start();
    }

    /** The token-service's grants: a connection waits for its first; a newer one ends a hold for a refused token. */
    @Bean(destroyMethod = "close")
    AccessTokenGrants accessTokenGrants(KafkaProperties kafka, Topics topics, TokenCipher cipher,
                                        ConnectionHolds holds) {
        GrantSettings settings = GrantSettings.fromKafka(kafka.buildConsumerProperties(),
                topics.accessTokens().name(), topics.tokenRequests().name(), "action-service");
        return AccessTokenGrants.start(settings, cipher).feed(holds.availability());
    }

    @Bean
    Readiness connectionEventsRead(ConnectionTopics follower) {
        return new Readiness() {
            @Override
            public String name() {
                return "reading the connection events";
            }

            @Override
            public CompletableFuture<Void> ready() {
                return follower.caughtUp();
            }
        };
    }

    @Bean
    Readiness accessTokenGrantsRead(AccessTokenGrants grants) {
        return new Readiness() {
            @Override
            public String name() {
                return "reading the access-token grants";
            }

            @Override
            public CompletableFuture<Void> ready() {
                return grants.caughtUp().toFuture();
            }
        };
    }
}
