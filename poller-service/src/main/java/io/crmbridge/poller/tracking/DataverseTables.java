package io.crmbridge.poller.tracking;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.crm.webapi.DataverseWebApi;
import io.crmbridge.crm.webapi.Outcome;
import io.crmbridge.poller.subscription.ConnectionStates;
import io.crmbridge.poller.subscription.TableCatalog;

/**
 * The org's tables from {@code EntityDefinitions(LogicalName='…')}: a 404 means there is no such table; any other
 * failure (no token yet, throttling, the org unreachable) leaves the question open.
 */
final class DataverseTables implements TableCatalog {

    private final DataverseWebApi api;
    private final ConnectionStates connections;
    private final Duration timeout;

    DataverseTables(DataverseWebApi api, ConnectionStates connections, Duration timeout) {
        this.api = api;
        this.connections = connections;
        this.timeout = timeout;
    }

    @Override
    public Lookup table(ConnectionId connection, String logicalName) {
        Optional<URI> orgUrl = connections.orgUrl(connection);
        if (orgUrl.isEmpty()) {
            return new Unavailable("the org URL of connection " + connection + " is not known yet");
        }
        Outcome<TableMetadata> outcome;
        try {
            outcome = api.connection(connection, orgUrl.get()).table(logicalName).block(timeout);
        } catch (RuntimeException e) {
            return new Unavailable(e.toString());
        }
        if (outcome instanceof Outcome.Success<TableMetadata> success) {
            return new Found(success.value());
        }
        Outcome.Failure<TableMetadata> failure = (Outcome.Failure<TableMetadata>) outcome;
        if (failure.error().status() == 404) {
            return new Missing();
        }
        return new Unavailable(failure.error().label() + ": " + failure.error().message());
    }
}
