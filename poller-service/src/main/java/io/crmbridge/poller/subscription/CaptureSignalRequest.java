package io.crmbridge.poller.subscription;

import java.util.Objects;

/**
 * A request read from {@code crm.capture-signals} ({@code CaptureSignal} without the Avro).
 *
 * @param id          the sender's id of the request: a snapshot's id
 * @param key         the subscription it is about
 * @param snapshot    whether it asks for a snapshot (false: a kind this poller does not know, dropped)
 * @param requestedBy who sent it
 */
public record CaptureSignalRequest(String id, SubscriptionKey key, boolean snapshot, String requestedBy) {

    public CaptureSignalRequest {
        Objects.requireNonNull(key, "key");
        requestedBy = requestedBy == null || requestedBy.isBlank() ? "signal" : requestedBy;
    }
}
