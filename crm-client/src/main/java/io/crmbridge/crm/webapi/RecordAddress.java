package io.crmbridge.crm.webapi;

import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Where a row lives: {@code accounts(00000000-…)} by primary key, or {@code accounts(accountnumber='ABC123')} by
 * alternate key (reference §3.3). Key values are quoted and escaped as OData requires.
 *
 * @param entitySet the table's entity set name ({@code accounts})
 * @param key       the text between the parentheses, already formatted
 */
public record RecordAddress(String entitySet, String key) {

    public RecordAddress {
        Objects.requireNonNull(entitySet, "entitySet");
        Objects.requireNonNull(key, "key");
    }

    public static RecordAddress byId(String entitySet, String id) {
        return new RecordAddress(entitySet, UUID.fromString(id).toString());
    }

    public static RecordAddress byId(String entitySet, UUID id) {
        return new RecordAddress(entitySet, id.toString());
    }

    /**
     * By alternate key: strings are quoted ({@code 'O''Brien'}), numbers, booleans and UUIDs are not. Keys are
     * written in the map's iteration order.
     */
    public static RecordAddress byKey(String entitySet, Map<String, ?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an alternate key needs at least one value");
        }
        StringJoiner key = new StringJoiner(",");
        values.forEach((column, value) -> key.add(column + "=" + literal(value)));
        return new RecordAddress(entitySet, key.toString());
    }

    /** The URL relative to the API root: {@code accounts(…)}. */
    public String toUrl() {
        return entitySet + "(" + UrlEncoding.encode(key) + ")";
    }

    /** The form {@code @odata.bind} and {@code @odata.id} take: {@code /accounts(…)}. */
    public String toReference() {
        return "/" + toUrl();
    }

    private static String literal(Object value) {
        if (value instanceof Number || value instanceof Boolean || value instanceof UUID) {
            return value.toString();
        }
        return "'" + String.valueOf(value).replace("'", "''") + "'";
    }
}
