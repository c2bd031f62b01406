package io.crmbridge.action.command;

import java.util.UUID;

import io.crmbridge.schemas.ids.NameBasedUuid;

/**
 * The id a CREATE without {@code target.id} gives its row: a name-based UUID version 5 (RFC 9562: SHA-1 of a
 * namespace and the name) of the commandId. A redelivered command derives the same id, so the second attempt meets
 * "duplicate record" instead of creating a second row. Producers can compute it too.
 */
public final class DeterministicIds {

    /** The CRM Bridge namespace for write-command ids (a fixed random UUID). */
    public static final UUID NAMESPACE = UUID.fromString("6f1c2a4e-93b5-4d0e-9a7c-2f7e5b8d1c30");

    private DeterministicIds() {
    }

    public static UUID forCommand(String commandId) {
        return NameBasedUuid.v5(NAMESPACE, commandId);
    }
}
