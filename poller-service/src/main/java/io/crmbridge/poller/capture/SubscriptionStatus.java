package io.crmbridge.poller.capture;

import java.time.Instant;

import io.crmbridge.poller.subscription.ConnectionStatus;
import io.crmbridge.poller.subscription.SubscriptionKey;

/**
 * A subscription polled by this instance, for health and operators.
 *
 * @param key         connection and table
 * @param shard       the partition of {@code crm.poller-checkpoints} that gives this instance its ownership
 * @param connection  whether its connection may be polled
 * @param lastOutcome how the latest poll ended, e.g. {@code Captured}, {@code Deferred THROTTLED}
 * @param lastPollAt  when the latest poll ended; null before the first
 * @param nextPollAt  when it is polled next
 * @param failures    failed polls in a row
 * @param position    the checkpoint in words: initial sync, delta, re-sync, watermark...
 */
record SubscriptionStatus(SubscriptionKey key, int shard, ConnectionStatus connection, String lastOutcome,
                                 Instant lastPollAt, Instant nextPollAt, int failures, String position) {
}
