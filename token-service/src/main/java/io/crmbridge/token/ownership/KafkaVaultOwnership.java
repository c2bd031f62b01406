package io.crmbridge.token.ownership;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.token.refresh.HandedOver;
import io.crmbridge.token.refresh.RefreshingTokens;
import io.crmbridge.token.vault.KafkaClientSource;
import io.crmbridge.token.vault.TokenVault;
import io.crmbridge.token.vault.VaultKey;
import io.crmbridge.token.vault.VaultRecords;
import io.crmbridge.token.vault.VaultState;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which connections this instance owns: the consumer group of the vault topic assigns its partitions, and
 * a connection belongs to the owner of its partition. On assignment it first fences the partition's previous
 * publisher, then restores the partition's vault from the beginning and hands the connections to
 * {@link RefreshingTokens}; afterwards it passes on the handovers other instances write there. On revocation the
 * connections are let go. Cooperative rebalancing moves only the partitions that must move.
 */
final class KafkaVaultOwnership implements Runnable, ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(KafkaVaultOwnership.class);

    private final KafkaClientSource kafka;
    private final TokenVault vault;
    private final KafkaShardPublishers publishers;
    private final RefreshingTokens tokens;
    private final KafkaConsumer<String, byte[]> consumer;
    private final VaultRecords records;
    private final Map<Integer, Restoring> restoring = new HashMap<>();
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private volatile boolean polling;

    KafkaVaultOwnership(KafkaClientSource kafka, TokenVault vault, KafkaShardPublishers publishers, RefreshingTokens tokens,
                   VaultRecords records, Map<String, Object> groupSettings) {
        this.kafka = kafka;
        this.vault = vault;
        this.publishers = publishers;
        this.tokens = tokens;
        this.consumer = kafka.consumer("vault", kafka.groupId(), groupSettings);
        this.records = records;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(vaultTopic()), this);
            while (running) {
                var records = consumer.poll(Duration.ofMillis(500));
                polling = true;
                for (ConsumerRecord<String, byte[]> record : records) {
                    accept(record);
                }
                finishRestores();
            }
        } catch (WakeupException e) {
            // stop() woke us up
        } catch (RuntimeException e) {
            log.error("vault ownership stopped: {}", e.toString());
        } finally {
            polling = false;
            owned.forEach(this::letGo);
            consumer.close();
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    /** Whether the consumer is in its group and polling (readiness). */
    boolean polling() {
        return polling;
    }

    Set<Integer> owned() {
        return Set.copyOf(owned);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            int shard = partition.partition();
            publishers.open(shard);
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            restoring.put(shard, new Restoring(end));
            log.info("assigned vault partition {}: restoring {} records", shard, end);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> letGo(p.partition()));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> letGo(p.partition()));
    }

    private void letGo(int shard) {
        restoring.remove(shard);
        if (owned.remove(shard)) {
            tokens.release(shard);
        }
        publishers.close(shard);
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        Restoring restore = restoring.get(record.partition());
        if (restore != null && record.offset() >= restore.end) {
            adopt(record.partition(), restore);
            restore = null;
        }
        Optional<VaultKey> key = VaultKey.parse(record.key());
        if (key.isEmpty()) {
            return;
        }
        try {
            if (restore != null) {
                restore.apply(key.get(), record);
            } else if (key.get().kind() == VaultKey.Kind.HANDOVER && record.value() != null) {
                tokens.handedOver(new HandedOver(key.get(), vault.openHandover(key.get(), sealed(record))));
            }
        } catch (RuntimeException e) {
            log.warn("skipping unreadable vault record {} of partition {}@{}: {}", key.get().connection(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }

    private void finishRestores() {
        for (Map.Entry<Integer, Restoring> entry : List.copyOf(restoring.entrySet())) {
            TopicPartition partition = new TopicPartition(vaultTopic(), entry.getKey());
            if (consumer.position(partition) >= entry.getValue().end) {
                adopt(entry.getKey(), entry.getValue());
            }
        }
    }

    private void adopt(int shard, Restoring restore) {
        restoring.remove(shard);
        owned.add(shard);
        tokens.adopt(shard, restore.states.values(), List.copyOf(restore.handovers.values()));
    }

    private TokenCipher.Sealed sealed(ConsumerRecord<String, byte[]> record) {
        return records.sealed(record.topic(), record.value());
    }

    private String vaultTopic() {
        return kafka.topics().tokenVault().name();
    }

    /** A partition being read up to where it stood when it was assigned. */
    private final class Restoring {
        private final long end;
        private final Map<ConnectionId, VaultState> states = new HashMap<>();
        private final Map<VaultKey, HandedOver> handovers = new LinkedHashMap<>();

        Restoring(long end) {
            this.end = end;
        }

        void apply(VaultKey key, ConsumerRecord<String, byte[]> record) {
            switch (key.kind()) {
                case STATE -> {
                    if (record.value() == null) {
                        states.remove(key.connection());
                    } else {
                        states.put(key.connection(), vault.openState(key, sealed(record)));
                    }
                }
                case HANDOVER -> {
                    if (record.value() == null) {
                        handovers.remove(key);
                    } else {
                        handovers.put(key, new HandedOver(key, vault.openHandover(key, sealed(record))));
                    }
                }
                case CREDENTIAL -> {
                    // read by KafkaConnections on every instance
                }
            }
        }
    }
}
