package io.crmbridge.poller.events;

import io.crmbridge.events.PolledRecord;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.RecordIndex;

/** Record-index entries as {@code PolledRecord} values of {@code crm.poller-records} and back. */
final class IndexRecords {

    private IndexRecords() {
    }

    /** {@code connectionId:entity:recordId}. */
    static String key(SubscriptionKey subscription, String recordId) {
        return subscription + ":" + recordId;
    }

    /** The value of an entry: null (a tombstone) for a deleted record. */
    static PolledRecord toRecord(SubscriptionKey subscription, RecordIndex.Entry entry) {
        if (entry.removed()) {
            return null;
        }
        return PolledRecord.newBuilder()
                .setConnectionId(subscription.connection().value())
                .setEntity(subscription.entity())
                .setRecordId(entry.recordId())
                .setEtag(entry.etag())
                .setVersion(entry.version())
                .build();
    }

    /** The subscription part of a key, or null when the key is not one the poller wrote. */
    static SubscriptionKey subscriptionOf(String key) {
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

    static String recordIdOf(String key) {
        return key.substring(key.lastIndexOf(':') + 1);
    }
}
