package io.crmbridge.sandbox.dataverse;

import java.util.List;

/** An alternate key: a unique combination of columns that addresses a row in URLs ({@code accounts(accountnumber='A1')}). */
record AlternateKey(String schemaName, List<String> columns) {

    AlternateKey {
        columns = List.copyOf(columns);
    }
}
