package io.crmbridge.action.dataverse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.action.table.ColumnKind;
import io.crmbridge.action.table.LookupColumn;
import io.crmbridge.action.table.TableDefinition;
import io.crmbridge.action.table.TableLookup;
import io.crmbridge.action.table.Tables;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.failure.FailureKind;
import io.crmbridge.crm.metadata.ColumnType;
import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.crm.webapi.Outcome;
import reactor.core.publisher.Mono;

/**
 * Table definitions from crm-client's {@code EntityDefinitions} reader, kept per connection once found. A table
 * Dataverse does not have (404) is unknown; a failure to read is "unavailable", and a missing token says so, so the
 * command waits instead of failing.
 */
final class WebApiTables implements Tables {

    private record Key(ConnectionId connection, String logicalName) {
    }

    private final OrgConnections connections;
    private final Map<Key, TableDefinition> found = new ConcurrentHashMap<>();

    WebApiTables(OrgConnections connections) {
        this.connections = connections;
    }

    @Override
    public TableLookup find(ConnectionId connection, String logicalName) {
        TableDefinition known = found.get(new Key(connection, logicalName));
        if (known != null) {
            return new TableLookup.Found(known);
        }
        TableLookup lookup = connections.of(connection)
                .flatMap(api -> api.table(logicalName))
                .map(outcome -> lookup(logicalName, outcome))
                .switchIfEmpty(Mono.fromSupplier(() -> new TableLookup.Unavailable("no access token for connection "
                        + connection + " within " + connections.tokenWait(), true)))
                .block();
        if (lookup instanceof TableLookup.Found table) {
            found.put(new Key(connection, logicalName), table.table());
        }
        return lookup;
    }

    private static TableLookup lookup(String logicalName, Outcome<TableMetadata> outcome) {
        if (outcome instanceof Outcome.Success<TableMetadata> success) {
            return new TableLookup.Found(definition(success.value()));
        }
        Outcome.Failure<TableMetadata> failure = (Outcome.Failure<TableMetadata>) outcome;
        if (failure.error().status() == 404) {
            return new TableLookup.Unknown(logicalName);
        }
        return new TableLookup.Unavailable("EntityDefinitions answered " + failure.error().label() + ": "
                + failure.error().message(), failure.kind() == FailureKind.UNAUTHORIZED);
    }

    static TableDefinition definition(TableMetadata metadata) {
        Map<String, ColumnKind> columns = new HashMap<>();
        Map<String, LookupColumn> lookups = new HashMap<>();
        metadata.columns().forEach((name, type) -> {
            columns.put(name, kind(type));
            if (type == ColumnType.LOOKUP) {
                Map<String, String> byTarget = metadata.navigations().getOrDefault(name, Map.of());
                if (byTarget.isEmpty()) {
                    lookups.put(name, new LookupColumn(name, name, null));
                }
                byTarget.forEach((target, navigation) -> lookups.put(navigation,
                        new LookupColumn(navigation, name, target)));
            }
        });
        // crm-client's metadata does not carry alternate keys (yet): key columns are checked for existence only.
        return new TableDefinition(metadata.logicalName(), metadata.entitySetName(), metadata.primaryIdAttribute(),
                columns, lookups, List.of());
    }

    private static ColumnKind kind(ColumnType type) {
        return ColumnKind.valueOf(type.name());
    }
}
