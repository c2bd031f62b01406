package io.crmbridge.action.dataverse;

import java.util.Map;

import io.crmbridge.action.table.ColumnKind;
import io.crmbridge.action.table.LookupColumn;
import io.crmbridge.action.table.TableDefinition;
import io.crmbridge.crm.metadata.ColumnType;
import io.crmbridge.crm.metadata.TableMetadata;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebApiTablesTest {

    @Test
    void turnsEachLookupTargetIntoItsNavigationProperty() {
        TableDefinition contact = WebApiTables.definition(new TableMetadata("contact", "contacts", "contactid", true,
                Map.of("firstname", ColumnType.TEXT, "parentcustomerid", ColumnType.LOOKUP,
                        "originatingleadid", ColumnType.LOOKUP),
                Map.of("parentcustomerid", Map.of("account", "parentcustomerid_account",
                        "contact", "parentcustomerid_contact"))));

        assertThat(contact.column("firstname")).contains(ColumnKind.TEXT);
        assertThat(contact.lookups()).containsEntry("parentcustomerid_account",
                new LookupColumn("parentcustomerid_account", "parentcustomerid", "account"))
                .containsEntry("parentcustomerid_contact",
                        new LookupColumn("parentcustomerid_contact", "parentcustomerid", "contact"))
                .containsEntry("originatingleadid", new LookupColumn("originatingleadid", "originatingleadid", null));
    }
}
