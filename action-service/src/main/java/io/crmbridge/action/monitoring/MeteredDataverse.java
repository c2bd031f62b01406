package io.crmbridge.action.monitoring;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.crmbridge.action.execution.Dataverse;
import io.crmbridge.action.execution.Exchange;
import io.crmbridge.action.execution.WriteRequest;
import io.crmbridge.crm.connection.ConnectionId;

/** Counts requests and batch sizes on their way to Dataverse. */
public final class MeteredDataverse implements Dataverse {

    private final Dataverse delegate;
    private final ActionMetrics metrics;

    public MeteredDataverse(Dataverse delegate, ActionMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public CompletableFuture<Exchange> batch(ConnectionId connection, List<WriteRequest> requests) {
        metrics.request(true, requests.size());
        return delegate.batch(connection, requests);
    }

    @Override
    public CompletableFuture<Exchange> single(ConnectionId connection, WriteRequest request) {
        metrics.request(false, 1);
        return delegate.single(connection, request);
    }
}
