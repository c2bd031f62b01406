package io.crmbridge.poller.subscription;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.metadata.TableMetadata;

/** The tables of an org as its metadata describes them (port; {@code EntityDefinitions} on Dataverse). */
public interface TableCatalog {

    Lookup table(ConnectionId connection, String logicalName);

    /** What the org said of a table. */
    sealed interface Lookup permits Found, Missing, Unavailable {
    }

    record Found(TableMetadata table) implements Lookup {
    }

    /** The org has no table of that name. */
    record Missing() implements Lookup {
    }

    /** The metadata could not be read now (no token yet, throttled, the org unreachable...). */
    record Unavailable(String reason) implements Lookup {
    }
}
