package io.crmbridge.action.command;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.crmbridge.action.table.TableDefinition;

/** Checks an alternate-key target: every value present, its columns known and, when the keys are, one key's. */
final class AlternateKeys {

    private AlternateKeys() {
    }

    static Optional<String> problem(TableDefinition table, Map<String, ColumnValue> key) {
        for (Map.Entry<String, ColumnValue> part : key.entrySet()) {
            if (part.getValue() instanceof ColumnValue.Empty) {
                return Optional.of("alternate key value of '" + part.getKey() + "' is null");
            }
            if (part.getValue() instanceof ColumnValue.Choices || part.getValue() instanceof ColumnValue.Real) {
                return Optional.of("alternate key value of '" + part.getKey() + "' cannot be a "
                        + part.getValue().kind());
            }
            if (part.getValue() instanceof ColumnValue.Reference reference
                    && Guids.parse(reference.value().id()).isEmpty()) {
                return Optional.of("alternate key value of '" + part.getKey() + "' refers to '"
                        + reference.value().id() + "', which is not a GUID");
            }
            if (table.knowsColumns() && table.column(part.getKey()).isEmpty()) {
                return Optional.of("unknown attribute '" + part.getKey() + "' in the alternate key of entity '"
                        + table.logicalName() + "'");
            }
        }
        if (!table.alternateKeys().isEmpty() && !table.alternateKeys().contains(Set.copyOf(key.keySet()))) {
            return Optional.of("entity '" + table.logicalName() + "' has no alternate key on " + key.keySet()
                    + " (its keys: " + table.alternateKeys() + ")");
        }
        return Optional.empty();
    }
}
