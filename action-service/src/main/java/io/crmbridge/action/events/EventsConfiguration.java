package io.crmbridge.action.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.crmbridge.action.holding.ConnectionHolds;
import io.crmbridge.action.pipeline.CommandCodec;
import io.crmbridge.action.pipeline.Readiness;
import io.crmbridge.crm.token.AccessTokenGrants;
import io.crmbridge.crm.token.EncryptionKeys;
import io.crmbridge.crm.token.GrantSettings;
import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.events.AccessTokenGrant;
import io.crmbridge.events.TokenRequest;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.schemas.serde.AvroSerializer;
import io.crmbridge.schemas.topics.OwnedTopics;
import io.crmbridge.schemas.topics.TopicSpec;
import io.crmbridge.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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

    @Bean(destroyMethod = "close")
    ConnectionEventsFollower connectionEventsFollower(KafkaProperties kafka, Topics topics, ConnectionHolds holds) {
        return new ConnectionEventsFollower(kafka.buildConsumerProperties(), topics.connectionEvents().name(), holds)
                .start();
    }

    @Bean(destroyMethod = "close")
    AccessTokenGrants accessTokenGrants(KafkaProperties kafka, Topics topics, TokenEncryptionSettings encryption,
                                        ConnectionHolds holds) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        // The poll timeout also bounds crm-client's first metadata fetch, which ends its reader when it times out
        // (slow brokers at start-up): generous, since wakeup() ends an idle poll at once on close.
        GrantSettings settings = new GrantSettings(config, topics.accessTokens().name(), topics.tokenRequests().name(),
                "action-service", Duration.ofSeconds(15));
        AvroDeserializer<AccessTokenGrant> grants = new AvroDeserializer<>();
        Map<String, Object> reader = new HashMap<>(config);
        reader.put("specific.avro.reader", true);
        grants.configure(reader, false);
        AvroSerializer<TokenRequest> requests = new AvroSerializer<>();
        requests.configure(config, false);
        AccessTokenGrants started = AccessTokenGrants.start(settings, cipher(encryption), grants, requests);
        // A connection is held until its first grant; a newer token releases one held because its token was refused.
        holds.holdUngranted(connection -> started.latest(connection).isPresent());
        started.updates().subscribe(token -> holds.tokenRenewed(token.connection()));
        return started;
    }

    @Bean
    Readiness connectionEventsRead(ConnectionEventsFollower follower) {
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

    private static TokenCipher cipher(TokenEncryptionSettings encryption) {
        if (encryption.keys().isEmpty()) {
            throw new IllegalStateException("crmbridge.token-encryption.keys is empty: the action service needs the "
                    + "key(s) the token-service seals access tokens with");
        }
        String active = encryption.activeKeyId().isBlank() ? encryption.keys().keySet().iterator().next()
                : encryption.activeKeyId();
        return new TokenCipher(EncryptionKeys.of(active, encryption.keys()));
    }
}
