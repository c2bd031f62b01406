package io.crmbridge.poller.subscription;

import java.util.List;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.metadata.TableMetadata;

/** The tables of an org as its metadata describes them (port; {@code EntityDefinitions} on Dataverse). */
public interface TableCatalog {

    Lookup table(ConnectionId connection, String logicalName);

    /**
     * The table's metadata read now, replacing what {@link #table} answered before: for a change the cached
     * metadata may not show yet (change tracking switched on, a column added).
     */
    Lookup refreshedTable(ConnectionId connection, String logicalName);

    /** Every table of the org, read now (names and change tracking, no columns): never an answer kept from before. */
    Listing tables(ConnectionId connection);

    /** What the org said of a table. */
    sealed interface Lookup permits Found, Missing, Unavailable {
    }

    record Found(TableMetadata table) implements Lookup {
    }

    /** The org has no table of that name. */
    record Missing() implements Lookup {
    }

    /** What the org said of its tables. */
    sealed interface Listing permits Listed, Unavailable {
    }

    record Listed(List<TableMetadata> tables) implements Listing {
        public Listed {
            tables = List.copyOf(tables);
        }
    }

    /** The metadata could not be read now (no token yet, throttled, the org unreachable...). */
    record Unavailable(String reason) implements Lookup, Listing {
    }
}
