package io.crmbridge.action.command;

import java.util.Optional;
import java.util.UUID;

import io.crmbridge.action.table.LookupColumn;
import io.crmbridge.action.table.TableDefinition;
import io.crmbridge.action.table.TableLookup;
import io.crmbridge.action.table.Tables;
import io.crmbridge.crm.connection.ConnectionId;

/** Resolves the rows a command refers to (lookups, the related row of a link) to entity set and GUID. */
final class References {

    private final Tables tables;
    private final ConnectionId connection;

    References(Tables tables, ConnectionId connection) {
        this.tables = tables;
        this.connection = connection;
    }

    /** The bind lookup {@code navigation} of {@code table} writes for {@code reference}. */
    Resolved<Bind> bind(TableDefinition table, String navigation, RecordReference reference) {
        Optional<LookupColumn> lookup = table.lookup(navigation);
        if (lookup.isEmpty() && table.knowsColumns()) {
            return Resolved.invalid("unknown lookup '" + navigation + "' on entity '" + table.logicalName()
                    + "' (lookups are keyed by navigation property)");
        }
        String expected = lookup.map(LookupColumn::targetTable).orElse(null);
        if (expected != null && !expected.equals(reference.entity())) {
            return Resolved.invalid("lookup '" + navigation + "' refers to entity '" + expected + "', not '"
                    + reference.entity() + "'");
        }
        return resolve(reference, "lookup '" + navigation + "'");
    }

    Resolved<Link> link(Association association) {
        Resolved<Bind> related = resolve(association.related(), "association.related");
        if (related instanceof Resolved.Ok<Bind> ok) {
            return new Resolved.Ok<>(new Link(association.relationship(), ok.value().entitySet(), ok.value().id()));
        }
        return new Resolved.Failed<>(((Resolved.Failed<Bind>) related).outcome());
    }

    private Resolved<Bind> resolve(RecordReference reference, String what) {
        Optional<UUID> id = Guids.parse(reference.id());
        if (id.isEmpty()) {
            return Resolved.invalid("bad id: " + what + " id '" + reference.id() + "' is not a GUID");
        }
        TableLookup lookup = tables.find(connection, reference.entity());
        if (lookup instanceof TableLookup.Found found) {
            return new Resolved.Ok<>(new Bind(found.table().entitySetName(), id.get()));
        }
        return new Resolved.Failed<>(CommandValidation.notFound(lookup, what + " refers to unknown entity '"
                + reference.entity() + "'"));
    }
}
