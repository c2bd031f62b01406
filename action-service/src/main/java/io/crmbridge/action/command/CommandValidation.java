package io.crmbridge.action.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.crmbridge.action.table.ColumnKind;
import io.crmbridge.action.table.TableDefinition;
import io.crmbridge.action.table.TableLookup;
import io.crmbridge.action.table.Tables;

/**
 * Decides whether a command can be executed, and resolves it against the table metadata into a {@link Write}:
 * the shape for its operation, ids that are GUIDs, columns that exist and values of their type, lookups through
 * known navigation properties, and a size under the limit. A problem is named in words a producer can act on.
 */
public final class CommandValidation {

    private final Tables tables;
    private final int maxCommandBytes;

    public CommandValidation(Tables tables, int maxCommandBytes) {
        this.tables = tables;
        this.maxCommandBytes = maxCommandBytes;
    }

    public Validation validate(Command command) {
        Optional<String> shape = CommandShape.problem(command, maxCommandBytes);
        if (shape.isPresent()) {
            return new Validation.Invalid(shape.get());
        }
        TableLookup lookup = tables.find(command.connection(), command.entity());
        if (lookup instanceof TableLookup.Found found) {
            return against(command, found.table());
        }
        return notFound(lookup, "unknown entity '" + command.entity() + "'");
    }

    private Validation against(Command command, TableDefinition table) {
        Optional<String> problem = address(command, table).or(() -> values(command, table));
        if (problem.isPresent()) {
            return new Validation.Invalid(problem.get());
        }
        References references = new References(tables, command.connection());
        Map<String, Bind> binds = new LinkedHashMap<>();
        for (Map.Entry<String, RecordReference> lookup : command.lookups().entrySet()) {
            Resolved<Bind> bind = references.bind(table, lookup.getKey(), lookup.getValue());
            if (bind instanceof Resolved.Failed<Bind> failed) {
                return failed.outcome();
            }
            binds.put(lookup.getKey(), ((Resolved.Ok<Bind>) bind).value());
        }
        Link link = null;
        if (command.association() != null) {
            Resolved<Link> resolved = references.link(command.association());
            if (resolved instanceof Resolved.Failed<Link> failed) {
                return failed.outcome();
            }
            link = ((Resolved.Ok<Link>) resolved).value();
        }
        return new Validation.Valid(new Write(command, table, rowAddress(command), command.attributes(), binds, link));
    }

    private static Optional<String> address(Command command, TableDefinition table) {
        Target target = command.target();
        if (target == null || target.id() != null) {
            return Optional.empty();
        }
        return AlternateKeys.problem(table, target.alternateKey());
    }

    private static Optional<String> values(Command command, TableDefinition table) {
        if (!table.knowsColumns()) {
            return Optional.empty();
        }
        for (Map.Entry<String, ColumnValue> attribute : command.attributes().entrySet()) {
            Optional<String> problem = column(table, attribute.getKey(), attribute.getValue());
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> column(TableDefinition table, String name, ColumnValue value) {
        Optional<ColumnKind> kind = table.column(name);
        if (kind.isEmpty()) {
            return Optional.of("unknown attribute '" + name + "' on entity '" + table.logicalName() + "'");
        }
        if (name.equals(table.primaryIdAttribute())) {
            return Optional.of("attribute '" + name + "' is the primary key: set it with target.id");
        }
        if (kind.get() == ColumnKind.LOOKUP) {
            return Optional.of("attribute '" + name + "' is a lookup: set it in lookups, keyed by its navigation "
                    + "property");
        }
        return ValueChecks.problem(kind.get(), value)
                .map(why -> "wrong attribute type for '" + name + "' on entity '" + table.logicalName() + "': " + why);
    }

    private static RowAddress rowAddress(Command command) {
        Target target = command.target();
        if (target == null) {
            return new RowAddress.ById(DeterministicIds.forCommand(command.commandId()), true);
        }
        if (target.id() != null) {
            return new RowAddress.ById(UUID.fromString(target.id()), false);
        }
        return new RowAddress.ByKey(target.alternateKey());
    }

    static Validation notFound(TableLookup lookup, String unknownProblem) {
        if (lookup instanceof TableLookup.Unavailable unavailable) {
            return new Validation.Undecided(unavailable.reason(), unavailable.tokenProblem());
        }
        return new Validation.Invalid(unknownProblem);
    }
}
