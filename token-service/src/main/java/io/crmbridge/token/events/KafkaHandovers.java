package io.crmbridge.token.events;

import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.crmbridge.token.vault.Handover;
import io.crmbridge.token.vault.Handovers;
import io.crmbridge.token.vault.TokenVault;
import io.crmbridge.token.vault.VaultKey;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Writes handovers, sealed, into the vault partition of their connection, where its owner (maybe this instance)
 * picks them up, takes them over in its next transaction and deletes them.
 */
final class KafkaHandovers implements Handovers {

    private final KafkaSetup kafka;
    private final VaultPartitions partitions;
    private final TokenVault vault;
    private final KafkaProducer<String, Object> producer;

    KafkaHandovers(KafkaSetup kafka, VaultPartitions partitions, TokenVault vault) {
        this.kafka = kafka;
        this.partitions = partitions;
        this.vault = vault;
        this.producer = kafka.producer("handovers", null);
    }

    @Override
    public void handOver(Handover handover) {
        VaultKey key = VaultKey.newHandover(handover.connectionId());
        ProducerRecord<String, Object> record = new ProducerRecord<>(kafka.topics().tokenVault().name(),
                partitions.of(handover.connectionId()), key.toString(),
                VaultEntries.toAvro(handover.connectionId(), vault.seal(key, handover), Instant.now()));
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
