package io.crmbridge.token.ownership;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.token.refresh.LifecycleEvent;
import io.crmbridge.token.refresh.OwnershipLost;
import io.crmbridge.token.refresh.TokenUpdates;
import io.crmbridge.token.vault.KafkaClientSource;
import io.crmbridge.token.vault.Shards;
import io.crmbridge.token.vault.TokenVault;
import io.crmbridge.token.vault.VaultKey;
import io.crmbridge.token.vault.VaultRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the updates of owned connections: one transactional producer per owned vault partition, whose
 * transactional.id is derived from the partition. A new owner's {@code initTransactions()} fences the previous
 * one, so an instance that lost a partition (a zombie after a long pause) cannot publish grants, events or vault
 * state for its connections any more: its next commit fails and it lets go.
 */
final class KafkaShardPublishers implements TokenUpdates {

    private static final Logger log = LoggerFactory.getLogger(KafkaShardPublishers.class);

    private final KafkaClientSource kafka;
    private final Shards partitions;
    private final TokenVault vault;
    private final UpdateRecords records;
    private final VaultRecords vaultRecords;
    private final Map<Integer, KafkaProducer<String, Object>> producers = new ConcurrentHashMap<>();

    KafkaShardPublishers(KafkaClientSource kafka, Shards partitions, TokenVault vault, UpdateRecords records,
                    VaultRecords vaultRecords) {
        this.kafka = kafka;
        this.partitions = partitions;
        this.vault = vault;
        this.records = records;
        this.vaultRecords = vaultRecords;
    }

    /** Becomes the publisher of {@code shard}, fencing whoever published for it before. */
    void open(int shard) {
        close(shard);
        KafkaProducer<String, Object> producer = kafka.producer("shard-" + shard, transactionalId(shard));
        producer.initTransactions();
        producers.put(shard, producer);
    }

    void close(int shard) {
        KafkaProducer<String, Object> producer = producers.remove(shard);
        if (producer != null) {
            synchronized (producer) {
                producer.close(Duration.ofSeconds(5));
            }
        }
    }

    void closeAll() {
        producers.keySet().forEach(this::close);
    }

    String transactionalId(int shard) {
        return kafka.groupId() + "-" + kafka.topics().tokenVault().name() + "-" + shard;
    }

    @Override
    public void publish(Update update) {
        int shard = partitions.of(update.connectionId());
        KafkaProducer<String, Object> producer = producers.get(shard);
        if (producer == null) {
            throw new OwnershipLost("shard " + shard + " is not owned by this instance");
        }
        synchronized (producer) {
            if (producers.get(shard) != producer) {
                throw new OwnershipLost("shard " + shard + " was released");
            }
            try {
                producer.beginTransaction();
                send(producer, shard, update);
                producer.commitTransaction();
            } catch (ProducerFencedException | InvalidProducerEpochException e) {
                producers.remove(shard, producer);
                producer.close(Duration.ZERO);
                throw new OwnershipLost("fenced: another instance owns shard " + shard, e);
            } catch (KafkaException e) {
                abort(producer);
                throw e;
            }
        }
    }

    private void send(KafkaProducer<String, Object> producer, int shard, Update update) {
        String key = update.connectionId().value();
        for (LifecycleEvent event : update.events()) {
            producer.send(new ProducerRecord<>(kafka.topics().connectionEvents().name(), key, records.event(event)));
        }
        String grantsTopic = kafka.topics().accessTokens().name();
        update.grant().ifPresent(g -> producer.send(new ProducerRecord<>(grantsTopic, key, records.grant(g))));
        if (update.withdrawGrant()) {
            producer.send(new ProducerRecord<>(grantsTopic, key, null));
        }
        String vaultTopic = kafka.topics().tokenVault().name();
        Object state = update.state().map(s -> vaultRecords.toRecord(update.connectionId(), vault.seal(s),
                Instant.now())).orElse(null);
        producer.send(new ProducerRecord<>(vaultTopic, shard, key, state));
        for (VaultKey consumed : update.consumed()) {
            producer.send(new ProducerRecord<>(vaultTopic, shard, consumed.toString(), null));
        }
    }

    private static void abort(KafkaProducer<String, Object> producer) {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            log.warn("aborting a failed transaction failed too: {}", e.toString());
        }
    }
}
