package io.crmbridge.action.execution;

import io.crmbridge.action.command.CommandValidation;
import io.crmbridge.action.command.Commands;
import io.crmbridge.action.command.Validation;
import io.crmbridge.action.command.Write;
import io.crmbridge.action.table.InMemoryTables;

/** Validated writes for execution tests. */
final class Writes {

    private static final CommandValidation VALIDATION = new CommandValidation(InMemoryTables.standard(), 1 << 20);

    private Writes() {
    }

    static Write of(Commands command) {
        Validation validation = VALIDATION.validate(command.build());
        if (!(validation instanceof Validation.Valid valid)) {
            throw new IllegalArgumentException("not a valid command: " + validation);
        }
        return valid.write();
    }
}
