package io.crmbridge.poller.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.crmbridge.events.PollCheckpoint;
import io.crmbridge.events.PolledRecord;
import io.crmbridge.poller.capture.CapturedChange;
import io.crmbridge.poller.capture.ChangeLog;
import io.crmbridge.poller.capture.CommitOutcome;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.Checkpoint;
import io.crmbridge.poller.tracking.RecordIndex;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change log of one partition of {@code crm.poller-checkpoints}: a transactional producer whose
 * transactional.id names that partition writes each page's {@code RecordChanged} events, their {@code PolledRecord}
 * record-index entries (to the same partition of {@code crm.poller-records}) and then its {@code PollCheckpoint} in
 * one transaction. Starting a producer ({@code initTransactions}) fences the partition's
 * previous owner and settles its unfinished transaction, so the checkpoints read afterwards are final. After a
 * commit of unknown outcome the producer is dropped; the next one settles that transaction the same way.
 */
final class KafkaChangeLog implements ChangeLog {

    private static final Logger log = LoggerFactory.getLogger(KafkaChangeLog.class);

    private final int partition;
    private final String checkpointTopic;
    private final String recordsTopic;
    private final KafkaChangeLogs.Clients clients;
    private final RecordChangedEvents events;
    private Producer<String, Object> producer;
    private boolean closed;

    KafkaChangeLog(int partition, KafkaChangeLogs.Clients clients, RecordChangedEvents events) {
        this.partition = partition;
        this.checkpointTopic = clients.checkpointTopic();
        this.recordsTopic = clients.recordsTopic();
        this.clients = clients;
        this.events = events;
        producer();
    }

    /** Read after the producer is started: any transaction left open by a previous owner is settled by then. */
    @Override
    public Map<SubscriptionKey, Checkpoint> checkpoints() {
        producer();
        Map<SubscriptionKey, Checkpoint> latest = new HashMap<>();
        PartitionReader.read(clients, checkpointTopic, partition, record -> {
            SubscriptionKey key;
            try {
                key = SubscriptionKey.parse(String.valueOf(record.key()));
            } catch (IllegalArgumentException e) {
                return; // not written by the poller
            }
            if (record.value() == null) {
                latest.remove(key); // a tombstone: an operator reset the subscription
            } else {
                latest.put(key, CheckpointRecords.fromRecord((PollCheckpoint) record.value()));
            }
        });
        return latest;
    }

    /** Read like the checkpoints: every committed entry of the partition, tombstones removing theirs. */
    @Override
    public Map<SubscriptionKey, RecordIndex> records() {
        producer();
        Map<SubscriptionKey, RecordIndex> indexes = new HashMap<>();
        PartitionReader.read(clients, recordsTopic, partition, record -> {
            SubscriptionKey subscription = IndexRecords.subscriptionOf(record.key());
            if (subscription == null) {
                return;
            }
            RecordIndex index = indexes.computeIfAbsent(subscription, key -> new RecordIndex());
            if (record.value() instanceof PolledRecord polled) {
                index.put(polled.getRecordId(), polled.getEtag());
            } else {
                index.remove(IndexRecords.recordIdOf(record.key()));
            }
        });
        return indexes;
    }

    @Override
    public CommitOutcome append(SubscriptionKey subscription, List<CapturedChange> changes,
                                List<RecordIndex.Entry> indexed, Checkpoint next) {
        if (closed) {
            return new CommitOutcome.Fenced("the change log of partition " + partition + " is closed");
        }
        Producer<String, Object> current = producer();
        AtomicReference<Exception> failedSend = new AtomicReference<>();
        Callback callback = (metadata, exception) -> {
            if (exception != null) {
                failedSend.compareAndSet(null, exception);
            }
        };
        try {
            current.beginTransaction();
            for (CapturedChange change : changes) {
                current.send(events.record(change), callback);
            }
            for (RecordIndex.Entry entry : indexed) {
                current.send(new ProducerRecord<>(recordsTopic, partition, IndexRecords.key(subscription,
                        entry.recordId()), IndexRecords.toRecord(subscription, entry)), callback);
            }
            // The checkpoint goes in the same transaction: written on its own it could skip changes on a crash.
            current.send(new ProducerRecord<>(checkpointTopic, partition, subscription.toString(),
                    CheckpointRecords.toRecord(subscription, next)), callback);
        } catch (ProducerFencedException | InvalidProducerEpochException | TransactionalIdAuthorizationException e) {
            return fenced(e);
        } catch (KafkaException e) {
            return abort(e, failedSend.get());
        }
        return commit(failedSend);
    }

    @Override
    public void close() {
        closed = true;
        discardProducer();
    }

    private CommitOutcome commit(AtomicReference<Exception> failedSend) {
        try {
            producer.commitTransaction();
            return new CommitOutcome.Committed();
        } catch (ProducerFencedException | InvalidProducerEpochException | TransactionalIdAuthorizationException e) {
            return fenced(e);
        } catch (TimeoutException | InterruptException e) {
            // The commit may have reached the coordinator: the next producer settles it, then checkpoints tell.
            discardProducer();
            return new CommitOutcome.Uncertain(e.toString());
        } catch (KafkaException e) {
            return abort(e, failedSend.get());
        }
    }

    private CommitOutcome abort(KafkaException error, Exception sendFailure) {
        String reason = sendFailure != null ? sendFailure.toString() : error.toString();
        try {
            producer.abortTransaction();
            return new CommitOutcome.Aborted(reason);
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            return fenced(e);
        } catch (KafkaException e) {
            log.warn("partition {}: abort after a failed write failed too ({}); the next producer settles it",
                    partition, e.toString());
            discardProducer();
            return new CommitOutcome.Uncertain(reason);
        }
    }

    private CommitOutcome fenced(KafkaException e) {
        close();
        return new CommitOutcome.Fenced(e.toString());
    }

    private Producer<String, Object> producer() {
        if (producer == null && !closed) {
            producer = clients.transactionalProducer(partition);
        }
        return producer;
    }

    private void discardProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (KafkaException e) {
                log.debug("partition {}: closing the producer: {}", partition, e.toString());
            }
            producer = null;
        }
    }
}
