package io.crmbridge.crm.record;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.crmbridge.events.DateTimeValue;

/**
 * One row as the Web API returned it, typed for the Avro contracts.
 *
 * @param id              the primary key (lower-case GUID)
 * @param attributes      column logical name → Avro {@code AttributeValue} member: null, Boolean, Integer, Long,
 *                        Double, String, {@code DecimalValue}, {@code DateTimeValue}, {@code EntityReference},
 *                        {@code OptionSetValue}, {@code OptionSetValues}; lookups under their column name
 *                        ({@code primarycontactid}, not {@code _primarycontactid_value})
 * @param formattedValues column logical name → Dataverse's formatted value (labels, lookup names, currency text)
 * @param etag            the row's {@code @odata.etag} (e.g. {@code W/"536530"}), for {@code If-Match}; null if absent
 * @param version         the row version from the etag (or {@code versionnumber}); -1 when neither was returned
 */
public record EntityRecord(String id, Map<String, Object> attributes, Map<String, String> formattedValues,
                           String etag, long version) {

    public EntityRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(formattedValues, "formattedValues");
    }

    public Optional<String> etagValue() {
        return Optional.ofNullable(etag);
    }

    /** Whether the row carries column {@code logicalName} (possibly with null). */
    public boolean has(String logicalName) {
        return attributes.containsKey(logicalName);
    }

    /** A Date and Time column's instant; empty when the row lacks the column, it is null or of another type. */
    public Optional<Instant> instant(String logicalName) {
        return attributes.get(logicalName) instanceof DateTimeValue dateTime ? Optional.of(dateTime.getValue())
                : Optional.empty();
    }
}
