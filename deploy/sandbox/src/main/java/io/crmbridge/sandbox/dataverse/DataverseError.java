package io.crmbridge.sandbox.dataverse;

import java.util.UUID;

/**
 * An error Dataverse answers with: HTTP status plus the body {@code {"error":{"code":"0x...","message":"..."}}}
 * (reference §5). Thrown inside the emulator to end a request or roll back a change set; the in-process
 * {@link Table} API lets it through to its callers.
 */
public final class DataverseError extends RuntimeException {

    static final String OBJECT_DOES_NOT_EXIST = "0x80040217";
    static final String DUPLICATE_RECORD = "0x80040237";
    static final String DUPLICATE_RECORD_ENTITY_KEY = "0x80060892";
    static final String VALIDATION = "0x80044331";
    static final String PAYLOAD = "0x80048d19";
    static final String ODATA = "0x80060888";
    static final String EXPIRED_VERSION_STAMP = "0x80044352";

    private final int status;
    private final String code;

    public DataverseError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static DataverseError notFound(TableDefinition table, UUID id) {
        return new DataverseError(404, OBJECT_DOES_NOT_EXIST,
                table.logicalName() + " With Id = " + id + " Does Not Exist");
    }

    static DataverseError keyNotFound(TableDefinition table) {
        return new DataverseError(404, OBJECT_DOES_NOT_EXIST,
                "A record with the specified key values does not exist in " + table.logicalName() + " entity");
    }

    static DataverseError duplicateRecord() {
        return new DataverseError(412, DUPLICATE_RECORD, "A record with matching key values already exists.");
    }

    static DataverseError duplicateKey(int status, AlternateKey key) {
        return new DataverseError(status, DUPLICATE_RECORD_ENTITY_KEY, "Entity Key " + key.schemaName()
                + " violated. A record with the same value for " + String.join(",", key.columns())
                + " already exists. A duplicate record cannot be created. Try again with a different value.");
    }

    static DataverseError validation(String detail) {
        return new DataverseError(400, VALIDATION, "A validation error occurred.  " + detail);
    }

    /** A payload the OData layer rejects (unknown property, wrong JSON type), as Dataverse words it. */
    static DataverseError payload(TableDefinition table, String inner) {
        return new DataverseError(400, PAYLOAD, "Error identified in Payload provided by the user for Entity :'"
                + table.entitySetName() + "', For more information on this error please follow this help link "
                + "https://go.microsoft.com/fwlink/?linkid=2195293  ----> InnerException : "
                + "Microsoft.OData.ODataException: " + inner);
    }

    static DataverseError badRequest(String message) {
        return new DataverseError(400, ODATA, message);
    }

    static DataverseError resourceNotFound(String segment) {
        return new DataverseError(404, ODATA, "Resource not found for the segment '" + segment + "'.");
    }

    static DataverseError methodNotAllowed(String method) {
        return new DataverseError(405, ODATA, "The requested resource does not support http method '" + method + "'.");
    }
}
