package io.crmbridge.poller.capture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.crmbridge.poller.subscription.ChangeFormat;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.ChangeKind;
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
 * record-index entries (to the same partition of {@code crm.poller-records}), the {@code CaptureEvent}s the page
 * brings about and then its {@code PollCheckpoint} in one transaction. Starting a producer ({@code initTransactions}) fences the partition's
 * previous owner and settles its unfinished transaction, so the checkpoints read afterwards are final. After a
 * commit of unknown outcome the producer is dropped; the next one settles that transaction the same way.
 */
final class KafkaChangeLog implements ChangeLog {

    private static final Logger log = LoggerFactory.getLogger(KafkaChangeLog.class);

    private final int partition;
    private final String checkpointTopic;
    private final String recordsTopic;
    private final KafkaChangeLogs.Clients clients;
    private final ChangeTopics changeTopics;
    private final ChangeRecords records;
    private final boolean tombstonesOnDelete;
    private Producer<Object, Object> producer;
    private boolean closed;

    KafkaChangeLog(int partition, KafkaChangeLogs.Clients clients, ChangeTopics changeTopics, ChangeRecords records,
                   boolean tombstonesOnDelete) {
        this.partition = partition;
        this.checkpointTopic = clients.checkpointTopic();
        this.recordsTopic = clients.recordsTopic();
        this.clients = clients;
        this.changeTopics = changeTopics;
        this.records = records;
        this.tombstonesOnDelete = tombstonesOnDelete;
        producer();
    }

    /** Read after the producer is started: any transaction left open by a previous owner is settled by then. */
    @Override
    public Map<SubscriptionKey, Checkpoint> checkpoints() {
        producer();
        Map<SubscriptionKey, Checkpoint> latest = new HashMap<>();
        KafkaPartitionReader.read(clients, checkpointTopic, partition, record -> {
            SubscriptionKey key;
            try {
                key = SubscriptionKey.parse(String.valueOf(record.key()));
            } catch (IllegalArgumentException e) {
                return; // not written by the poller
            }
            if (record.value() == null) {
                latest.remove(key); // a tombstone: an operator reset the subscription
            } else {
                latest.put(key, records.checkpointOf(record.value()));
            }
        });
        return latest;
    }

    /** Read like the checkpoints: every committed entry of the partition, tombstones removing theirs. */
    @Override
    public Map<SubscriptionKey, RecordIndex> records() {
        producer();
        Map<SubscriptionKey, RecordIndex> indexes = new HashMap<>();
        KafkaPartitionReader.read(clients, recordsTopic, partition, record -> {
            SubscriptionKey subscription = subscriptionOf(record.key());
            if (subscription == null) {
                return;
            }
            RecordIndex index = indexes.computeIfAbsent(subscription, key -> new RecordIndex());
            records.indexedOf(record.value()).ifPresentOrElse(entry -> index.put(entry.recordId(), entry.etag()),
                    () -> index.remove(recordIdOf(record.key())));
        });
        return indexes;
    }

    @Override
    public CommitOutcome append(SubscriptionKey subscription, List<CapturedChange> changes,
                                List<RecordIndex.Entry> indexed, Checkpoint next, List<CaptureNotice> notices) {
        List<ProducerRecord<Object, Object>> events = new ArrayList<>(changes.size());
        try {
            for (CapturedChange change : changes) {
                ProducerRecord<Object, Object> record = changeRecord(change);
                events.add(record);
                if (tombstonesOnDelete && change.kind() == ChangeKind.DELETED) {
                    // Right behind the DELETED event, same key and partition: a compacted copy drops the record.
                    events.add(new ProducerRecord<>(record.topic(), record.key(), null));
                }
            }
        } catch (RuntimeException e) {
            // Made before the transaction begins: a value the format cannot hold writes nothing of the page.
            return new CommitOutcome.Aborted("the changes of " + subscription + " cannot be published: "
                    + e.getMessage());
        }
        return write(current -> {
            events.forEach(current::send);
            for (RecordIndex.Entry entry : indexed) {
                current.send(new ProducerRecord<>(recordsTopic, partition, indexKey(subscription, entry.recordId()),
                        records.indexed(subscription, entry)));
            }
            notices.forEach(notice -> current.send(noticeRecord(notice)));
            // The checkpoint goes in the same transaction: written on its own it could skip changes on a crash.
            current.send(new ProducerRecord<>(checkpointTopic, partition, subscription.toString(),
                    records.checkpoint(subscription, next)));
        });
    }

    @Override
    public CommitOutcome announce(List<CaptureNotice> notices) {
        return write(current -> notices.forEach(notice -> current.send(noticeRecord(notice))));
    }

    /** The sends of one transaction; a failed send fails the transaction. */
    private interface Sends {
        void into(Sender sender);
    }

    private interface Sender {
        void send(ProducerRecord<Object, Object> record);
    }

    private CommitOutcome write(Sends sends) {
        if (closed) {
            return new CommitOutcome.Fenced("the change log of partition " + partition + " is closed");
        }
        Producer<Object, Object> current = producer();
        AtomicReference<Exception> failedSend = new AtomicReference<>();
        Callback callback = (metadata, exception) -> {
            if (exception != null) {
                failedSend.compareAndSet(null, exception);
            }
        };
        try {
            current.beginTransaction();
            sends.into(record -> current.send(record, callback));
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

    /**
     * On its subscription's change topic: GENERIC keyed {@code connectionId:recordId}, TYPED keyed by the table's
     * primary key as a record (the topic is the connection's); all changes of one row in order either way.
     */
    private ProducerRecord<Object, Object> changeRecord(CapturedChange change) {
        String topic = changeTopics.of(change.subscription(), change.format());
        if (change.format() == ChangeFormat.TYPED) {
            ChangeRecords.Keyed typed = records.typed(change, topic);
            return new ProducerRecord<>(topic, typed.key(), typed.value());
        }
        String connection = change.subscription().connection().value();
        return new ProducerRecord<>(topic, connection + ":" + change.recordId(), records.changed(change));
    }

    /** On {@code crm.capture-events}, keyed {@code connectionId:table}: all notices of a subscription in order. */
    private ProducerRecord<Object, Object> noticeRecord(CaptureNotice notice) {
        return new ProducerRecord<>(clients.captureEventsTopic(), notice.subscription().toString(),
                records.notice(notice));
    }

    /** The key of a record-index entry: {@code connectionId:entity:recordId}. */
    private static String indexKey(SubscriptionKey subscription, String recordId) {
        return subscription + ":" + recordId;
    }

    /** The subscription part of a record-index key, or null when the key is not one the poller wrote. */
    private static SubscriptionKey subscriptionOf(String key) {
        int last = key == null ? -1 : key.lastIndexOf(':');
        if (last <= 0) {
            return null;
        }
        try {
            return SubscriptionKey.parse(key.substring(0, last));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String recordIdOf(String key) {
        return key.substring(key.lastIndexOf(':') + 1);
    }

    private Producer<Object, Object> producer() {
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
