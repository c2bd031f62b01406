package io.crmbridge.action.table;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.crmbridge.crm.connection.ConnectionId;

/** Table definitions held in memory, like the sandbox's standard tables (trimmed), for unit tests. */
public final class InMemoryTables implements Tables {

    private final Map<String, TableDefinition> tables = new HashMap<>();
    private volatile TableLookup.Unavailable outage;

    public static InMemoryTables standard() {
        InMemoryTables tables = new InMemoryTables();
        tables.add(new TableDefinition("account", "accounts", "accountid",
                Map.of("accountid", ColumnKind.UNIQUEIDENTIFIER, "name", ColumnKind.TEXT,
                        "accountnumber", ColumnKind.TEXT, "numberofemployees", ColumnKind.INTEGER,
                        "revenue", ColumnKind.MONEY, "creditonhold", ColumnKind.BOOLEAN,
                        "lastusedincampaign", ColumnKind.DATETIME, "industrycode", ColumnKind.CHOICE,
                        "primarycontactid", ColumnKind.LOOKUP, "address1_latitude", ColumnKind.DOUBLE),
                Map.of("primarycontactid", new LookupColumn("primarycontactid", "primarycontactid", "contact")),
                List.of(Set.of("accountnumber"))));
        tables.add(new TableDefinition("contact", "contacts", "contactid",
                Map.of("contactid", ColumnKind.UNIQUEIDENTIFIER, "firstname", ColumnKind.TEXT,
                        "lastname", ColumnKind.TEXT, "emailaddress1", ColumnKind.TEXT,
                        "parentcustomerid", ColumnKind.LOOKUP),
                Map.of("parentcustomerid_account", new LookupColumn("parentcustomerid_account", "parentcustomerid",
                                "account"),
                        "parentcustomerid_contact", new LookupColumn("parentcustomerid_contact", "parentcustomerid",
                                "contact")),
                List.of(Set.of("firstname", "emailaddress1"))));
        tables.add(new TableDefinition("cr123_project", "cr123_projects", "cr123_projectid",
                Map.of("cr123_projectid", ColumnKind.UNIQUEIDENTIFIER, "cr123_name", ColumnKind.TEXT,
                        "cr123_externalsequence", ColumnKind.BIGINT, "cr123_discountrate", ColumnKind.DECIMAL,
                        "cr123_regions", ColumnKind.MULTI_CHOICE, "cr123_stage", ColumnKind.CHOICE),
                Map.of(), List.of()));
        return tables;
    }

    public void add(TableDefinition table) {
        tables.put(table.logicalName(), table);
    }

    /** Every lookup answers Unavailable until {@code null} is set again. */
    public void outage(TableLookup.Unavailable unavailable) {
        this.outage = unavailable;
    }

    @Override
    public TableLookup find(ConnectionId connection, String logicalName) {
        if (outage != null) {
            return outage;
        }
        TableDefinition table = tables.get(logicalName);
        return table != null ? new TableLookup.Found(table) : new TableLookup.Unknown(logicalName);
    }
}
