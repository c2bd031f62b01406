package io.crmbridge.action.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.crmbridge.action.table.TableDefinition;

/**
 * A command that passed validation, resolved against the table's metadata: what execution turns into a Web API
 * request.
 *
 * @param values column values to send (lookups excluded)
 * @param binds  navigation property to the row it binds
 * @param link   the link of an ASSOCIATE / DISASSOCIATE, else null
 */
public record Write(Command command, TableDefinition table, RowAddress address, Map<String, ColumnValue> values,
                    Map<String, Bind> binds, Link link) {

    public Write {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        binds = Collections.unmodifiableMap(new LinkedHashMap<>(binds));
    }

    public Operation operation() {
        return command.operation();
    }

    /** The row's primary key when the command names it (or derived it); empty for writes by alternate key. */
    public Optional<UUID> knownId() {
        return address instanceof RowAddress.ById byId ? Optional.of(byId.id()) : Optional.empty();
    }
}
