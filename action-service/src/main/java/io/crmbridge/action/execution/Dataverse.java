package io.crmbridge.action.execution;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.crmbridge.crm.connection.ConnectionId;

/**
 * Sends write requests to a connection's Dataverse environment (port). Implementations authenticate, pace
 * requests per connection (Retry-After, concurrency) and retry a whole request on 429, transient errors and a
 * first 401, within their bounds; failures of single {@code $batch} parts are left to the caller.
 */
public interface Dataverse {

    /**
     * Sends {@code requests} as one {@code $batch} with {@code Prefer: odata.continue-on-error}, each its own part
     * outside any change set, so every part gets its own response and one failure does not roll back the others.
     * Parts run in the given order.
     */
    CompletableFuture<Exchange> batch(ConnectionId connection, List<WriteRequest> requests);

    /** Sends one request on its own. */
    CompletableFuture<Exchange> single(ConnectionId connection, WriteRequest request);
}
