package io.crmbridge.poller.capture;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.crmbridge.poller.subscription.SubscriptionKey;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ownership of subscriptions through Kafka's consumer group: every poller instance is a member of one group
 * subscribed to {@code crm.poller-checkpoints}; the partitions assigned to this member are the shards it polls,
 * each holding the subscriptions whose key ({@code connectionId:entity}) hashes to it as Kafka's default
 * partitioner hashes keys. The member never reads records (its partitions stay paused): it only keeps the group
 * membership alive; the shard's change log reads the checkpoints after fencing the previous owner.
 */
final class KafkaOwnership implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaOwnership.class);

    private final Map<String, Object> config;
    private final String topic;
    private final OwnedSubscriptions owned;
    private final KafkaChangeLogs changeLogs;
    private final Thread thread;
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile boolean running = true;
    private volatile boolean member;

    KafkaOwnership(Map<String, Object> consumerConfig, String groupId, String topic, OwnedSubscriptions owned,
                   KafkaChangeLogs changeLogs) {
        this.config = new HashMap<>(consumerConfig);
        this.config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        this.config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.topic = topic;
        this.owned = owned;
        this.changeLogs = changeLogs;
        this.thread = new Thread(this::run, "poller-ownership");
        this.thread.setDaemon(true);
    }

    /** The partition of {@code crm.poller-checkpoints} that holds {@code key}, as Kafka's partitioner places it. */
    static int partitionOf(SubscriptionKey key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    void start() {
        thread.start();
    }

    /** Whether the group-membership thread is running. */
    boolean alive() {
        return thread.isAlive();
    }

    /** Whether this instance has joined the group at least once. */
    boolean joined() {
        return member;
    }

    @Override
    public void close() {
        running = false;
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(60).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        owned.close();
    }

    private void run() {
        try (Consumer<byte[], byte[]> created = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = created;
            created.subscribe(List.of(topic), new Rebalance(created));
            while (running) {
                created.poll(Duration.ofMillis(500));
            }
        } catch (WakeupException e) {
            // close() asked to stop; closing the consumer revokes the partitions.
        } catch (RuntimeException e) {
            log.error("poller group membership failed; this instance polls nothing until restarted", e);
        } finally {
            owned.close();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        private final Consumer<byte[], byte[]> consumer;

        Rebalance(Consumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            member = true;
            consumer.pause(partitions);
            int count = consumer.partitionsFor(topic).size();
            String member = consumer.groupMetadata().memberId();
            for (TopicPartition partition : partitions) {
                int shard = partition.partition();
                log.info("member {} now owns partition {} of {}", member, shard, topic);
                owned.assigned(shard, key -> partitionOf(key, count) == shard, () -> changeLogs.open(shard));
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Stop before the group moves the partition: the next owner fences anything still in flight anyway.
            partitions.forEach(p -> {
                log.info("member {} no longer owns partition {} of {}", consumer.groupMetadata().memberId(),
                        p.partition(), topic);
                owned.revoked(p.partition());
            });
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }
    }
}
