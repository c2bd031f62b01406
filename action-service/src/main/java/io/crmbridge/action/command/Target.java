package io.crmbridge.action.command;

import java.util.Map;

/**
 * The row a command addresses as the command carries it: a primary key (not yet checked to be a GUID) or, when
 * {@code id} is null, an alternate key.
 */
public record Target(String id, Map<String, ColumnValue> alternateKey) {

    public Target {
        alternateKey = Map.copyOf(alternateKey);
    }

    public static Target byId(String id) {
        return new Target(id, Map.of());
    }

    public static Target byKey(Map<String, ColumnValue> alternateKey) {
        return new Target(null, alternateKey);
    }
}
