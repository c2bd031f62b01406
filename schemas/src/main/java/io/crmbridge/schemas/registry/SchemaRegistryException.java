package io.crmbridge.schemas.registry;

import java.util.List;

/**
 * A schema registry refused or failed a request. Carries what a Confluent registry answers — the HTTP status and
 * the {@code error_code} (40401 subject not found, 40402 version not found, 40403 schema not found, 409
 * incompatible, 42201 invalid schema, 42202 invalid version, 42203 invalid compatibility level...) — and whether
 * trying again later may succeed (5xx, 408, 429, registry unreachable).
 */
public final class SchemaRegistryException extends RuntimeException {

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_SOFT_DELETED = 40404;
    public static final int SUBJECT_NOT_SOFT_DELETED = 40405;
    public static final int VERSION_NOT_SOFT_DELETED = 40407;
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;

    private final int status;
    private final int errorCode;
    private final String detail;
    private final boolean retryable;

    SchemaRegistryException(int status, int errorCode, String detail, boolean retryable, String message,
                            Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
        this.detail = detail;
        this.retryable = retryable;
    }

    /** An error as the registry itself states it (the in-memory registry, the sandbox emulator). */
    static SchemaRegistryException of(int status, int errorCode, String detail) {
        return new SchemaRegistryException(status, errorCode, detail, status >= 500,
                detail + " (error_code " + errorCode + ")", null);
    }

    public static SchemaRegistryException subjectNotFound(String subject) {
        return of(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    public static SchemaRegistryException versionNotFound(int version) {
        return of(404, VERSION_NOT_FOUND, "Version " + version + " not found.");
    }

    public static SchemaRegistryException schemaNotFound(int id) {
        return of(404, SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }

    public static SchemaRegistryException schemaNotFoundUnder(String subject) {
        return of(404, SCHEMA_NOT_FOUND, "Schema not found under subject '" + subject + "'");
    }

    public static SchemaRegistryException incompatible(String subject, List<String> problems) {
        return of(409, INCOMPATIBLE_SCHEMA, "Schema being registered is incompatible with an earlier schema "
                + "for subject \"" + subject + "\", details: " + problems);
    }

    public static SchemaRegistryException invalidSchema(String detail) {
        return of(422, INVALID_SCHEMA, detail);
    }

    public static SchemaRegistryException invalidVersion(String version) {
        return of(422, INVALID_VERSION, "The specified version '" + version + "' is not a valid version id. "
                + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    public static SchemaRegistryException invalidCompatibilityLevel(String level) {
        return of(422, INVALID_COMPATIBILITY_LEVEL, "Invalid compatibility level. Valid values are none, backward, "
                + "forward, full, backward_transitive, forward_transitive, and full_transitive (got '" + level + "')");
    }

    public static SchemaRegistryException subjectCompatibilityNotConfigured(String subject) {
        return of(404, SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    public static SchemaRegistryException subjectNotSoftDeleted(String subject) {
        return of(404, SUBJECT_NOT_SOFT_DELETED,
                "Subject '" + subject + "' was not deleted first before being permanently deleted");
    }

    public static SchemaRegistryException versionNotSoftDeleted(String subject, int version) {
        return of(404, VERSION_NOT_SOFT_DELETED, "Subject '" + subject + "' Version " + version
                + " was not deleted first before being permanently deleted");
    }

    /** HTTP status of the answer; 0 when no answer came (registry unreachable). */
    public int status() {
        return status;
    }

    /** Confluent's {@code error_code}; the HTTP status when the answer carried none; 0 when no answer came. */
    public int errorCode() {
        return errorCode;
    }

    /** The registry's own message, without the request context {@link #getMessage()} adds. */
    public String detail() {
        return detail;
    }

    /** Whether the same request may succeed later: the registry was unreachable, overloaded or failing. */
    public boolean retryable() {
        return retryable;
    }
}
