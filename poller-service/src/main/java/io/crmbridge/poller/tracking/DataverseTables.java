package io.crmbridge.poller.tracking;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.crm.webapi.DataverseWebApi;
import io.crmbridge.crm.webapi.Outcome;
import io.crmbridge.poller.subscription.ConnectionStates;
import io.crmbridge.poller.subscription.TableCatalog;

/**
 * The org's tables from {@code EntityDefinitions(LogicalName='…')}: a 404 means there is no such table; any other
 * failure (no token yet, throttling, the org unreachable) leaves the question open. The list of tables
 * ({@code EntityDefinitions}) is read anew each time it is asked for.
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
        return lookup(connection, logicalName, false);
    }

    @Override
    public Lookup refreshedTable(ConnectionId connection, String logicalName) {
        return lookup(connection, logicalName, true);
    }

    private Lookup lookup(ConnectionId connection, String logicalName, boolean refreshed) {
        Optional<URI> orgUrl = connections.orgUrl(connection);
        if (orgUrl.isEmpty()) {
            return new Unavailable("the org URL of connection " + connection + " is not known yet");
        }
        Outcome<TableMetadata> outcome;
        try {
            var org = api.connection(connection, orgUrl.get());
            outcome = (refreshed ? org.refreshedTable(logicalName) : org.table(logicalName)).block(timeout);
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

    @Override
    public Listing tables(ConnectionId connection) {
        Optional<URI> orgUrl = connections.orgUrl(connection);
        if (orgUrl.isEmpty()) {
            return new Unavailable("the org URL of connection " + connection + " is not known yet");
        }
        Outcome<List<TableMetadata>> outcome;
        try {
            outcome = api.connection(connection, orgUrl.get()).tables().block(timeout);
        } catch (RuntimeException e) {
            return new Unavailable(e.toString());
        }
        if (outcome instanceof Outcome.Success<List<TableMetadata>> success) {
            return new Listed(success.value());
        }
        Outcome.Failure<List<TableMetadata>> failure = (Outcome.Failure<List<TableMetadata>>) outcome;
        return new Unavailable(failure.error().label() + ": " + failure.error().message());
    }
}
