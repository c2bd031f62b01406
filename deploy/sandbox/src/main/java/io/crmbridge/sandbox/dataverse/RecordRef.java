package io.crmbridge.sandbox.dataverse;

import java.util.UUID;

/** The value of a lookup column: which table and which row it points to. */
record RecordRef(String table, UUID id) {
}
