package io.crmbridge.poller.tracking;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** One row of a page read from Dataverse: a new or changed row, or a deletion ({@code $deletedEntity}). */
public sealed interface FeedRow permits FeedRow.Upserted, FeedRow.Deleted {

    /** The primary key, a lower-case GUID. */
    String id();

    /**
     * A row as it is now.
     *
     * @param etag            its {@code @odata.etag}, opaque: compared only for equality (reference §1.5)
     * @param version         its versionnumber, as data for the event; null when not known
     * @param createdOn       its {@code createdon}; null when not returned (not selected)
     * @param modifiedOn      its {@code modifiedon}; null when not returned
     * @param attributes      typed column values by logical name; opaque to the poller's core, which only
     *                        carries them from the Dataverse client to the events
     * @param formattedValues formatted values by column logical name
     */
    record Upserted(String id, String etag, Long version, Instant createdOn, Instant modifiedOn, Map<String, Object> attributes,
                    Map<String, String> formattedValues) implements FeedRow {
        public Upserted {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(etag, "etag");
            Objects.requireNonNull(attributes, "attributes");
            Objects.requireNonNull(formattedValues, "formattedValues");
        }
    }

    /** A row deleted since the previous sync (change tracking only). */
    record Deleted(String id) implements FeedRow {
        public Deleted {
            Objects.requireNonNull(id, "id");
        }
    }
}
