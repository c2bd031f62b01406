package io.crmbridge.token.vault;

import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Writes handovers, sealed, into the vault partition of their connection, where its owner (maybe this instance)
 * picks them up, takes them over in its next transaction and deletes them.
 */
final class KafkaHandovers implements Handovers {

    private final KafkaClientSource kafka;
    private final Shards partitions;
    private final TokenVault vault;
    private final VaultRecords records;
    private final KafkaProducer<String, Object> producer;

    KafkaHandovers(KafkaClientSource kafka, Shards partitions, TokenVault vault, VaultRecords records) {
        this.kafka = kafka;
        this.partitions = partitions;
        this.vault = vault;
        this.records = records;
        this.producer = kafka.producer("handovers", null);
    }

    @Override
    public void handOver(Handover handover) {
        VaultKey key = VaultKey.newHandover(handover.connectionId());
        ProducerRecord<String, Object> record = new ProducerRecord<>(kafka.topics().tokenVault().name(),
                partitions.of(handover.connectionId()), key.toString(),
                records.toRecord(handover.connectionId(), vault.seal(key, handover), Instant.now()));
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while handing over a sign-in", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("cannot hand over the sign-in of " + handover.connectionId() + ": "
                    + e.getMessage(), e);
        }
    }

    void close() {
        producer.close();
    }
}
