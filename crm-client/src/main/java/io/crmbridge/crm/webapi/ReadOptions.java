package io.crmbridge.crm.webapi;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Prefer} preferences of a read. Send the same options on every page of one sync: Dataverse requires
 * the same {@code odata.maxpagesize} when following a nextLink (reference §1.3).
 *
 * @param maxPageSize  rows per page ({@code odata.maxpagesize}, at most 5,000); null for the server's default
 * @param trackChanges ask for a deltaLink ({@code odata.track-changes})
 * @param annotations  {@code odata.include-annotations} value; {@code *} (the default) brings formatted values and
 *                     lookup targets, which typed records need; null for none
 */
public record ReadOptions(Integer maxPageSize, boolean trackChanges, String annotations) {

    public ReadOptions {
        if (maxPageSize != null && (maxPageSize < 1 || maxPageSize > 5000)) {
            throw new IllegalArgumentException("maxPageSize must be between 1 and 5000, was " + maxPageSize);
        }
    }

    /** All annotations, the server's page size, no change tracking. */
    public static ReadOptions defaults() {
        return new ReadOptions(null, false, "*");
    }

    /** Change tracking with pages of {@code maxPageSize} rows and all annotations. */
    public static ReadOptions tracking(int maxPageSize) {
        return new ReadOptions(maxPageSize, true, "*");
    }

    public ReadOptions pageSize(int rows) {
        return new ReadOptions(rows, trackChanges, annotations);
    }

    public ReadOptions withTracking() {
        return new ReadOptions(maxPageSize, true, annotations);
    }

    public ReadOptions annotations(String value) {
        return new ReadOptions(maxPageSize, trackChanges, value);
    }

    /** The {@code Prefer} header value, or null when nothing is preferred. */
    String prefer() {
        List<String> preferences = new ArrayList<>(3);
        if (annotations != null) {
            preferences.add("odata.include-annotations=\"" + annotations + "\"");
        }
        if (maxPageSize != null) {
            preferences.add("odata.maxpagesize=" + maxPageSize);
        }
        if (trackChanges) {
            preferences.add("odata.track-changes");
        }
        return preferences.isEmpty() ? null : String.join(",", preferences);
    }
}
