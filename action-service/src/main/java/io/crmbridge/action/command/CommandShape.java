package io.crmbridge.action.command;

import java.util.Optional;

/**
 * Checks that need no metadata: that a command is complete and consistent with its operation (the contract's
 * field docs say which fields each operation takes).
 */
final class CommandShape {

    private CommandShape() {
    }

    /** What is wrong with the command's shape; empty when nothing is. */
    static Optional<String> problem(Command command, int maxBytes) {
        Operation operation = command.operation();
        if (command.sizeBytes() > maxBytes) {
            return Optional.of("command of " + command.sizeBytes() + " bytes is oversized (limit " + maxBytes + ")");
        }
        if (command.commandId().isBlank()) {
            return Optional.of("commandId is empty");
        }
        if (command.connection().equals(Command.MISSING_CONNECTION)) {
            return Optional.of("connectionId is empty");
        }
        if (operation == Operation.UNKNOWN) {
            return Optional.of("unknown operation (written by a newer producer?)");
        }
        if (command.entity().isBlank()) {
            return Optional.of("entity is empty");
        }
        return target(command).or(() -> contents(command));
    }

    private static Optional<String> target(Command command) {
        Operation operation = command.operation();
        Target target = command.target();
        if (target == null) {
            return operation.needsTarget() ? Optional.of("missing target: " + operation + " needs target.id or "
                    + "target.alternateKey") : Optional.empty();
        }
        if (target.id() == null && target.alternateKey().isEmpty()) {
            return Optional.of("missing target: target has neither id nor alternateKey");
        }
        if (target.id() != null && Guids.parse(target.id()).isEmpty()) {
            return Optional.of("bad id: target.id '" + target.id() + "' is not a GUID");
        }
        if (target.id() == null && operation != Operation.UPDATE && operation != Operation.UPSERT
                && operation != Operation.DELETE) {
            return Optional.of(operation + " addresses its row by target.id only, not by alternate key");
        }
        return Optional.empty();
    }

    private static Optional<String> contents(Command command) {
        Operation operation = command.operation();
        if (!operation.carriesValues() && (!command.attributes().isEmpty() || !command.lookups().isEmpty())) {
            return Optional.of(operation + " takes no attributes or lookups");
        }
        if (operation.links() && command.association() == null) {
            return Optional.of("missing association: " + operation + " needs association.relationship and "
                    + "association.related");
        }
        if (!operation.links() && command.association() != null) {
            return Optional.of("association is only for ASSOCIATE and DISASSOCIATE, not " + operation);
        }
        if (operation.links() && command.association().relationship().isBlank()) {
            return Optional.of("association.relationship is empty");
        }
        if (command.ifMatch() != null && operation != Operation.UPDATE && operation != Operation.UPSERT
                && operation != Operation.DELETE) {
            return Optional.of("ifMatch applies to UPDATE, UPSERT and DELETE, not " + operation);
        }
        return Optional.empty();
    }
}
