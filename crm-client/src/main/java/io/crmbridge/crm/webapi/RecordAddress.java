package io.crmbridge.crm.webapi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Where a row lives: {@code accounts(00000000-…)} by primary key, or {@code accounts(accountnumber='ABC123')} by
 * alternate key (reference §3.3). Key values are quoted, escaped and percent-encoded as a URL path needs them.
 *
 * @param entitySet the table's entity set name ({@code accounts})
 * @param key       the text between the parentheses, already formatted and encoded
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
     * By alternate key, in the map's iteration order:
     *
     * <table>
     * <caption>Key values</caption>
     * <tr><th>value</th><th>written as</th></tr>
     * <tr><td>String (anything not below)</td><td>quoted, a quote doubled, percent-encoded:
     *     {@code name='O''Neil%20%26%20Co'}</td></tr>
     * <tr><td>other numbers, Boolean, UUID</td><td>as is: {@code code=7}</td></tr>
     * <tr><td>BigDecimal</td><td>without exponent: {@code rate=100}</td></tr>
     * <tr><td>Instant</td><td>ISO-8601, unquoted, percent-encoded: {@code due=2026-03-01T10%3A15%3A30Z}</td></tr>
     * <tr><td>{@link Lookup}</td><td>the lookup's value column: {@code _primarycontactid_value=<id>}</td></tr>
     * </table>
     */
    public static RecordAddress byKey(String entitySet, Map<String, ?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an alternate key needs at least one value");
        }
        StringJoiner key = new StringJoiner(",");
        values.forEach((column, value) -> key.add(name(column, value) + "=" + literal(value)));
        return new RecordAddress(entitySet, key.toString());
    }

    /** The URL relative to the API root: {@code accounts(…)}. */
    public String toUrl() {
        return entitySet + "(" + key + ")";
    }

    /** The form {@code @odata.bind} and {@code @odata.id} take: {@code /accounts(…)}. */
    public String toReference() {
        return "/" + toUrl();
    }

    /** The value of a lookup column in an alternate key: the id of the row it points to. */
    public record Lookup(UUID id) {
        public Lookup {
            Objects.requireNonNull(id, "id");
        }
    }

    private static String name(String column, Object value) {
        return value instanceof Lookup ? "_" + column + "_value" : column;
    }

    private static String literal(Object value) {
        if (value instanceof Lookup lookup) {
            return lookup.id().toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Instant instant) {
            return UrlEncoding.encodeKeyValue(instant.toString());
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof UUID) {
            return value.toString();
        }
        return UrlEncoding.encodeKeyValue("'" + String.valueOf(value).replace("'", "''") + "'");
    }
}
